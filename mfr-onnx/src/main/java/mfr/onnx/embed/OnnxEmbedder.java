package mfr.onnx.embed;

import java.util.ArrayList;
import java.util.List;
import mfr.core.face.Embedding;
import mfr.core.image.RgbImage;
import mfr.core.spi.Embedder;
import mfr.onnx.runtime.OnnxModel;
import mfr.onnx.runtime.TensorPrep;

/**
 * An ArcFace-style embedder: 112x112 aligned crop in, raw vector out, L2-normalised here. With flip-test the
 * embeddings of the crop and its mirror image are summed before normalising. Models exported with a dynamic batch
 * dimension run {@link #embedAll} in batches of up to {@value #MAX_BATCH}; fixed-batch models run one by one.
 */
public final class OnnxEmbedder implements Embedder {
    public static final int MAX_BATCH = 32;
    private final OnnxModel model;
    private final boolean flipTest;
    private final String modelId;

    public OnnxEmbedder(OnnxModel model, boolean flipTest) {
        this.model = model;
        this.flipTest = flipTest;
        this.modelId = model.spec().versionedId();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return 512;
    }

    public float[] prepare(RgbImage aligned) {
        check(aligned);
        return TensorPrep.chw(aligned, model.spec());
    }

    @Override
    public Embedding embed(RgbImage aligned) {
        float[] raw = raw(aligned);
        if (flipTest) {
            float[] f = raw(aligned.flipHorizontal());
            for (int i = 0; i < raw.length; i++) {
                raw[i] += f[i];
            }
        }
        return Embedding.normalized(raw, modelId);
    }

    @Override
    public List<Embedding> embedAll(List<RgbImage> aligned) {
        if (!model.dynamicBatch() || aligned.size() < 2) {
            return Embedder.super.embedAll(aligned);
        }
        List<RgbImage> inputs = new ArrayList<>();
        for (RgbImage a : aligned) {
            check(a);
            inputs.add(a);
            if (flipTest) {
                inputs.add(a.flipHorizontal());
            }
        }
        List<float[]> raws = new ArrayList<>();
        for (int from = 0; from < inputs.size(); from += MAX_BATCH) {
            raws.addAll(rawBatch(inputs.subList(from, Math.min(inputs.size(), from + MAX_BATCH))));
        }
        List<Embedding> out = new ArrayList<>();
        int step = flipTest ? 2 : 1;
        for (int i = 0; i < raws.size(); i += step) {
            float[] r = raws.get(i);
            if (flipTest) {
                float[] f = raws.get(i + 1);
                for (int k = 0; k < r.length; k++) {
                    r[k] += f[k];
                }
            }
            out.add(Embedding.normalized(r, modelId));
        }
        return out;
    }

    private float[] raw(RgbImage aligned) {
        return model.run(prepare(aligned), model.singleShape()).values().iterator().next();
    }

    private List<float[]> rawBatch(List<RgbImage> batch) {
        int per = 3 * model.spec().inputWidth() * model.spec().inputHeight();
        float[] in = new float[per * batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            TensorPrep.write(batch.get(i), model.spec(), in, i * per);
        }
        long[] shape = model.singleShape();
        shape[0] = batch.size();
        float[] out = model.run(in, shape).values().iterator().next();
        int dim = out.length / batch.size();
        List<float[]> res = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            float[] r = new float[dim];
            System.arraycopy(out, i * dim, r, 0, dim);
            res.add(r);
        }
        return res;
    }

    private void check(RgbImage aligned) {
        if (aligned.width() != model.spec().inputWidth() || aligned.height() != model.spec().inputHeight()) {
            throw new IllegalArgumentException("embedder " + model.spec().id() + " needs " + model.spec().inputWidth()
                    + "x" + model.spec().inputHeight() + " aligned crops, got " + aligned.width() + "x" + aligned.height());
        }
    }

    public OnnxModel model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }
}
