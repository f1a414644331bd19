package mfr.mask.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.onnx.model.ChannelOrder;
import mfr.onnx.model.ModelSpec;
import mfr.onnx.model.ModelTask;
import mfr.onnx.model.NpmPackage;
import mfr.onnx.runtime.OnnxModel;
import mfr.onnx.runtime.OrtSettings;

/**
 * A small CNN (trained by {@code mfr mask train-classifier --features CNN} with mfr-train, exported to ONNX) run by
 * ONNX Runtime on {@link CnnInput} features; its one output is the logit of "masked". Thread-safe.
 */
public final class CnnModel implements MaskModel {
    private final OnnxModel onnx;
    private final String file;
    private final String sha256;
    private final int inputSize;

    private CnnModel(OnnxModel onnx, String file, String sha256, int inputSize) {
        this.onnx = onnx;
        this.file = file;
        this.sha256 = sha256;
        this.inputSize = inputSize;
    }

    /**
     * Loads {@code modelsDir/file}, checking its digest (when {@code sha256} is given) and its input shape;
     * {@code kind} (CNN or BLEND) names the command that remakes it in errors.
     */
    public static CnnModel load(Path modelsDir, String file, String sha256, int inputSize, FeatureKind kind) {
        Path f = modelsDir.resolve(file);
        String retrain = "rerun 'mfr mask train-classifier --features " + kind + "'";
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.MODEL, f + ": cannot read the mask classifier's network ("
                    + e.getMessage() + "): " + retrain);
        }
        String digest = NpmPackage.sha256Hex(bytes);
        if (sha256 != null && !sha256.equals(digest)) {
            throw new MfrException(ErrorCode.MODEL, f + " does not match the digest recorded in "
                    + MaskClassifier.FILE + ": " + retrain);
        }
        ModelSpec spec = new ModelSpec("mask-classifier", ModelTask.MASK_CLASSIFIER, file, inputSize, inputSize,
                ChannelOrder.RGB, 127.5, 128, null, "trained by mfr", "mfr mask train-classifier", "");
        OnnxModel m = OnnxModel.load(modelsDir, spec, OrtSettings.singleThread());
        long[] s = m.inputShape();
        if (s.length != 4 || s[1] != 3 || s[2] != inputSize || s[3] != inputSize) {
            m.close();
            throw new MfrException(ErrorCode.MODEL, f + ": expected an input of [N, 3, " + inputSize + ", " + inputSize
                    + "], the network takes " + java.util.Arrays.toString(s));
        }
        return new CnnModel(m, file, digest, inputSize);
    }

    @Override
    public double probability(float[] x) {
        if (x.length != 3 * inputSize * inputSize) {
            throw new IllegalArgumentException("expected a 3x" + inputSize + "x" + inputSize + " input, got "
                    + x.length + " values");
        }
        float[] z = onnx.run(x, new long[] {1, 3, inputSize, inputSize}).values().iterator().next();
        return 1 / (1 + Math.exp(-z[0]));
    }

    public String file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    public int inputSize() {
        return inputSize;
    }

    @Override
    public void close() {
        onnx.close();
    }
}
