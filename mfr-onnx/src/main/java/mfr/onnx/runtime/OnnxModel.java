package mfr.onnx.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.onnx.model.ModelSpec;
import mfr.onnx.model.NpmPackage;

/**
 * One ONNX Runtime session for one model, checked against its manifest digest when loaded.
 * {@link #run} is thread-safe (ONNX Runtime sessions are); {@link #close} releases the native session.
 */
public final class OnnxModel implements AutoCloseable {
    private final ModelSpec spec;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final long[] inputShape;
    /** Per-thread direct input buffer, reused across runs: ONNX Runtime reads a direct buffer without copying. */
    private final ThreadLocal<FloatBuffer> inputBuffer = new ThreadLocal<>();

    private OnnxModel(ModelSpec spec, OrtEnvironment env, OrtSession session) throws OrtException {
        this.spec = spec;
        this.env = env;
        this.session = session;
        Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
        this.inputName = in.getKey();
        this.inputShape = ((TensorInfo) in.getValue().getInfo()).getShape();
    }

    public static OnnxModel load(Path modelsDir, ModelSpec spec, OrtSettings settings) {
        Path file = modelsDir.resolve(spec.file());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.MODEL, "model " + spec.id() + ": cannot read " + file
                    + " (" + e.getMessage() + "); run 'mfr models install'");
        }
        if (spec.sha256() != null && !spec.sha256().equals(NpmPackage.sha256Hex(bytes))) {
            throw new MfrException(ErrorCode.MODEL, "model " + spec.id() + ": " + file
                    + " does not match its manifest digest; run 'mfr models install --force'");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(settings.intraOpThreads());
            opts.setInterOpNumThreads(settings.interOpThreads());
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            String spin = settings.spinning() ? "1" : "0";
            opts.addConfigEntry("session.intra_op.allow_spinning", spin);
            opts.addConfigEntry("session.inter_op.allow_spinning", spin);
            return new OnnxModel(spec, env, env.createSession(bytes, opts));
        } catch (OrtException e) {
            throw new MfrException(ErrorCode.MODEL, "model " + spec.id() + ": ONNX Runtime cannot load " + file
                    + " (" + e.getMessage() + ")");
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    /** The declared input shape; a negative or zero entry is a dynamic dimension. */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** True when the first input dimension is dynamic, so several inputs can run as one batch. */
    public boolean dynamicBatch() {
        return inputShape.length > 0 && inputShape[0] <= 0;
    }

    /** Runs the model on one NCHW float input and returns every output flattened, by output name. */
    public Map<String, float[]> run(float[] input, long[] shape) {
        FloatBuffer buf = inputBuffer.get();
        if (buf == null || buf.capacity() < input.length) {
            buf = ByteBuffer.allocateDirect(input.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            inputBuffer.set(buf);
        }
        buf.clear();
        buf.put(input).flip();
        try (OnnxTensor t = OnnxTensor.createTensor(env, buf, shape);
             OrtSession.Result r = session.run(Map.of(inputName, t))) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                float[] a = new float[fb.remaining()];
                fb.get(a);
                out.put(e.getKey(), a);
            }
            return out;
        } catch (OrtException e) {
            throw new MfrException(ErrorCode.MODEL, "model " + spec.id() + " failed: " + e.getMessage());
        }
    }

    /** The single-image input shape [1, C, H, W]. */
    public long[] singleShape() {
        int c = spec.channelOrder() == mfr.onnx.model.ChannelOrder.GRAY ? 1 : 3;
        return new long[] {1, c, spec.inputHeight(), spec.inputWidth()};
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new MfrException(ErrorCode.MODEL, "cannot close model " + spec.id() + ": " + e.getMessage());
        }
    }
}
