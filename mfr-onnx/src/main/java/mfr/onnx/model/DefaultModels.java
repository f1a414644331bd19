package mfr.onnx.model;

import java.util.List;
import java.util.Map;

/**
 * The default models: MIT-licensed ONNX files of the npm package {@code faceplugin-face-recognition-js@0.0.1},
 * and the demo photos of {@code @vladmandic/face-api@1.7.15} (MIT). Every digest is pinned here.
 *
 * <p>Preprocessing was established by measurement (docs/models.md): the embedder scores best on LFW View 2 when fed
 * BGR; the detector finds as many faces either way and is fed BGR like the JavaScript that ships with it.
 */
public final class DefaultModels {
    private DefaultModels() {
    }

    public static final NpmPackage MODELS = new NpmPackage("faceplugin-face-recognition-js", "0.0.1",
            "sha512-shriXjd4zJHEwhK1jHK+bWo8Vv6Vu9B/w6RRsd4AFtNM/jaI2vhuOamOSMl9qQmLd8WlQ7dgqN+3C2iOi5pXWw==");

    public static final NpmPackage SAMPLES = new NpmPackage("@vladmandic/face-api", "1.7.15",
            "sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw==");

    public static final String DETECTOR = "fr_detect";
    public static final String LANDMARKS = "fr_landmark";
    public static final String EMBEDDER = "fr_feature";
    public static final String LIVENESS = "fr_liveness";

    /**
     * Cosine similarity at or above which two faces of {@link #EMBEDDER} are called the same person: the best
     * threshold measured on all 6,000 LFW View 2 pairs (docs/models.md).
     */
    public static final double EMBEDDER_THRESHOLD = 0.30;

    private static final String LICENSE = "MIT (faceplugin-face-recognition-js 0.0.1)";
    private static final String SOURCE = "npm:" + MODELS.spec();

    public static final List<ModelSpec> SPECS = List.of(
            new ModelSpec(DETECTOR, ModelTask.DETECTOR, "fr_detect.onnx", 320, 240, ChannelOrder.BGR, 127, 128,
                    "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854", LICENSE, SOURCE,
                    "outputs: scores [1,4420,2] (softmaxed), boxes [1,4420,4] (x1,y1,x2,y2 normalised to the input)"),
            new ModelSpec(LANDMARKS, ModelTask.LANDMARKS, "fr_landmark.onnx", 64, 64, ChannelOrder.GRAY, 0, 256,
                    "f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258", LICENSE, SOURCE,
                    "input: square crop of side = box height around the box centre; output: 68 (x,y) in [0,1] of the crop"),
            new ModelSpec(EMBEDDER, ModelTask.EMBEDDER, "fr_feature.onnx", 112, 112, ChannelOrder.BGR, 127, 128,
                    "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581", LICENSE, SOURCE,
                    "MobileFaceNet, ArcFace 5-point alignment; BGR measured best on LFW View 2 (docs/models.md)"),
            new ModelSpec(LIVENESS, ModelTask.LIVENESS, "fr_liveness.onnx", 128, 128, ChannelOrder.RGB, 0, 1,
                    "afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d", LICENSE, SOURCE,
                    "input: crop 2.7x the box, 0..255; output: 3 logits (softmax). Installed, not yet used by the pipeline"));

    /** Demo photos: file name to sha256. */
    public static final Map<String, String> SAMPLE_FILES = Map.of(
            "sample1.jpg", "8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51",
            "sample2.jpg", "7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691",
            "sample3.jpg", "8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936",
            "sample4.jpg", "729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc",
            "sample5.jpg", "6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938",
            "sample6.jpg", "9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87");
}
