package mfr.train.loop;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.train.dist.Collective;
import mfr.train.head.PartialFc;
import mfr.train.nn.Network;
import org.bytedeco.pytorch.Tensor;

/**
 * Checkpoints under {@code output/checkpoints/step-NNNNNNNN/}: the backbone's parameters and state
 * ({@code backbone.bin}), its optimizer state ({@code optimizer.bin}), each worker's Partial FC shard with its
 * optimizer state ({@code head-rankK.bin}), and {@code meta.properties} (step, loss scale, world size, config).
 * Every rank writes its files into a temporary folder; after a barrier rank 0 renames it and updates {@code latest}.
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    public static Path dir(Path output) {
        return output.resolve("checkpoints");
    }

    public static void save(Path output, long step, Network net, BackboneOptimizer opt, PartialFc head,
                            LossScaler scaler, Collective comm, Map<String, Object> config) {
        Path root = dir(output);
        String name = String.format("step-%08d", step);
        Path tmp = root.resolve(name + ".tmp");
        try {
            if (comm.rank() == 0) {
                Files.createDirectories(tmp);
            }
            comm.barrier();
            if (comm.rank() == 0) {
                TensorFile.write(tmp.resolve("backbone.bin"), net.params().all());
                TensorFile.write(tmp.resolve("optimizer.bin"), opt.stateTensors());
                Properties meta = new Properties();
                meta.setProperty("step", Long.toString(step));
                meta.setProperty("lossScale", Double.toString(scaler.scale()));
                meta.setProperty("goodSteps", Integer.toString(scaler.goodSteps()));
                meta.setProperty("worldSize", Integer.toString(comm.worldSize()));
                config.forEach((k, v) -> meta.setProperty("config." + k, String.valueOf(v)));
                try (Writer w = Files.newBufferedWriter(tmp.resolve("meta.properties"))) {
                    meta.store(w, "mfr-train checkpoint");
                }
            }
            Map<String, Tensor> h = new LinkedHashMap<>();
            h.put("weight", head.weight());
            for (int i = 0; i < head.optimizerState().size(); i++) {
                h.put("state#" + i, head.optimizerState().get(i));
            }
            TensorFile.write(tmp.resolve("head-rank" + comm.rank() + ".bin"), h);
            comm.barrier();
            if (comm.rank() == 0) {
                Path dst = root.resolve(name);
                if (Files.exists(dst)) {
                    deleteTree(dst);
                }
                Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
                Path latest = root.resolve("latest.tmp");
                Files.writeString(latest, name + "\n");
                Files.move(latest, root.resolve("latest"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            comm.barrier();
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot write checkpoint " + tmp + ": " + e.getMessage());
        }
    }

    /** The latest complete checkpoint folder, if any. */
    public static Optional<Path> latest(Path output) {
        Path f = dir(output).resolve("latest");
        try {
            if (Files.isRegularFile(f)) {
                Path p = dir(output).resolve(Files.readString(f).strip());
                if (Files.isDirectory(p)) {
                    return Optional.of(p);
                }
            }
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot read " + f + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Restores everything saved at {@code ckpt}; returns the step it was taken after. */
    public static long load(Path ckpt, Network net, BackboneOptimizer opt, PartialFc head, LossScaler scaler,
                            Collective comm) {
        try {
            Properties meta = new Properties();
            try (Reader r = Files.newBufferedReader(ckpt.resolve("meta.properties"))) {
                meta.load(r);
            }
            int world = Integer.parseInt(meta.getProperty("worldSize"));
            if (world != comm.worldSize()) {
                throw new MfrException(ErrorCode.USAGE, ckpt + " was written by " + world + " workers; resume it with"
                        + " --workers " + world + " (the Partial FC shards are per worker)");
            }
            Map<String, TensorFile.Entry> backbone = TensorFile.read(ckpt.resolve("backbone.bin"));
            for (Map.Entry<String, Tensor> e : net.params().all().entrySet()) {
                TensorFile.Entry saved = backbone.get(e.getKey());
                if (saved == null) {
                    throw new MfrException(ErrorCode.USAGE, ckpt + " has no tensor " + e.getKey()
                            + ": it belongs to another backbone");
                }
                mfr.train.engine.HostTensors.copyInto(e.getValue(), saved.values());
            }
            opt.restore(TensorFile.read(ckpt.resolve("optimizer.bin")));
            Map<String, TensorFile.Entry> h = TensorFile.read(ckpt.resolve("head-rank" + comm.rank() + ".bin"));
            mfr.train.engine.HostTensors.copyInto(head.weight(), h.get("weight").values());
            java.util.List<float[]> st = new java.util.ArrayList<>();
            for (int i = 0; h.containsKey("state#" + i); i++) {
                st.add(h.get("state#" + i).values());
            }
            head.restoreState(st);
            scaler.restore(Double.parseDouble(meta.getProperty("lossScale")),
                    Integer.parseInt(meta.getProperty("goodSteps")));
            return Long.parseLong(meta.getProperty("step"));
        } catch (IOException | RuntimeException e) {
            if (e instanceof MfrException m) {
                throw m;
            }
            throw new MfrException(ErrorCode.IO, "cannot resume from " + ckpt + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
