package mfr.train.backbone;

import java.util.LinkedHashMap;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.train.nn.Network;

/** Backbones by name, as insightface's arcface_torch names them; every one maps a 112x112 face to a 512-d embedding. */
public final class Backbones {
    private interface Factory {
        Network create(int embedding, long seed);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("mbf", (e, s) -> MobileFaceNet.build("mbf", new int[] {1, 4, 6, 2}, 2, e, s));
        FACTORIES.put("mobilefacenet", (e, s) -> MobileFaceNet.build("mobilefacenet", new int[] {1, 4, 6, 2}, 2, e, s));
        FACTORIES.put("mbf_large", (e, s) -> MobileFaceNet.build("mbf_large", new int[] {2, 8, 12, 4}, 4, e, s));
        FACTORIES.put("r18", (e, s) -> IResNet.build("r18", new int[] {2, 2, 2, 2}, e, s));
        FACTORIES.put("r34", (e, s) -> IResNet.build("r34", new int[] {3, 4, 6, 3}, e, s));
        FACTORIES.put("r50", (e, s) -> IResNet.build("r50", new int[] {3, 4, 14, 3}, e, s));
        FACTORIES.put("r100", (e, s) -> IResNet.build("r100", new int[] {3, 13, 30, 3}, e, s));
    }

    private Backbones() {
    }

    public static java.util.Set<String> names() {
        return FACTORIES.keySet();
    }

    /** A freshly initialised backbone; the same seed gives the same weights. */
    public static Network create(String name, int embedding, long seed) {
        Factory f = FACTORIES.get(name);
        if (f == null) {
            throw new MfrException(ErrorCode.USAGE, "unknown backbone '" + name + "': choose one of "
                    + String.join(", ", FACTORIES.keySet()) + " (or import an ONNX model with backbone=onnx:FILE)");
        }
        return f.create(embedding, seed);
    }
}
