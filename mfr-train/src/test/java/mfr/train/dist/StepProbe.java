package mfr.train.dist;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import mfr.train.data.Preprocess;
import mfr.train.data.SyntheticDataset;
import mfr.train.engine.HostTensors;
import mfr.train.engine.Torch;
import mfr.train.head.PartialFc;
import mfr.train.loop.BackboneOptimizer;
import mfr.train.loop.Optimizer;
import mfr.train.loop.TensorFile;
import mfr.train.loss.MarginLoss;
import mfr.train.nn.Network;
import mfr.train.onnx.OnnxImporter;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * One training step of the imported default embedder (no batch norm, so the split batch computes the same thing)
 * with a Partial FC head, on this worker's share of a fixed batch of 8; writes the loss, the updated backbone and
 * this worker's head shard. Run in-process with one worker, or as a main in worker processes.
 */
public final class StepProbe {
    static final int BATCH = 8;
    static final int CLASSES = 6;

    public static void main(String[] args) throws Exception {
        DistEnv env = DistEnv.fromEnvironment(System.getenv());
        try (Collective comm = env.connect(60_000)) {
            run(comm, Path.of(args[0]));
        }
    }

    static void run(Collective comm, Path out) throws Exception {
        Torch.init(1);
        Path model = new ModelInstaller(MfrHome.resolve()).home().models().resolve("fr_feature.onnx");
        SyntheticDataset data = new SyntheticDataset(CLASSES, 2, 5);
        int per = BATCH / comm.worldSize();
        float[] px = new float[per * 3 * 112 * 112];
        long[] labels = new long[per];
        Preprocess prep = new Preprocess(true, 127, 128);
        for (int i = 0; i < per; i++) {
            int sample = (comm.rank() * per + i) % data.size();
            prep.write(data.image(sample), px, i * 3 * 112 * 112);
            labels[i] = data.label(sample);
        }
        Optimizer sgd = new Optimizer.Sgd(0.9, 5e-4);
        try (Network net = OnnxImporter.load(model);
             BackboneOptimizer opt = new BackboneOptimizer(net.params(), sgd);
             PartialFc head = new PartialFc(CLASSES, 512, 1.0, MarginLoss.arcFace(), comm, 11);
             PointerScope scope = new PointerScope()) {
            Tensor emb = net.forward(HostTensors.floats(px, per, 3, 112, 112), true);
            double loss = head.forwardBackward(emb, HostTensors.longs(labels, per), 1.0, 1.0, 1).loss();
            opt.reduceAndClip(comm, 1.0, 0);
            opt.update(0.1, 1);
            head.applyUpdate(sgd, 0.1, 1);
            Map<String, Tensor> all = new LinkedHashMap<>(net.params().all());
            all.put("head.weight", head.weight());
            all.put("loss", HostTensors.floats(new float[] {(float) loss}, 1));
            TensorFile.write(out.resolve("rank" + comm.rank() + ".bin"), all);
        }
    }
}
