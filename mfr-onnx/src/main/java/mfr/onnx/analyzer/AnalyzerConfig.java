package mfr.onnx.analyzer;

import java.util.LinkedHashMap;
import java.util.Map;
import mfr.core.image.ImageLimits;
import mfr.onnx.detect.DetectionRescue;
import mfr.onnx.detect.DetectorSettings;
import mfr.onnx.model.ChannelOrder;
import mfr.onnx.model.DefaultModels;
import mfr.onnx.model.MfrHome;
import mfr.onnx.runtime.OrtSettings;

/**
 * Everything that configures a {@link FaceAnalyzer}, in one typed object. {@link #describe()} gives every resolved
 * value, and the analyzer logs it when it opens.
 *
 * @param home               where models are installed
 * @param detectorId         manifest id of the detector
 * @param landmarksId        manifest id of the 68-point landmark model
 * @param embedderId         manifest id of the embedder
 * @param detector           score threshold, NMS, limits
 * @param flipTest           embed the crop and its mirror image, and sum
 * @param ort                ONNX Runtime threads per session
 * @param imageLimits        decode limits
 * @param detectorOrder      overrides the manifest's channel order of the detector (null: manifest)
 * @param embedderOrder      overrides the manifest's channel order of the embedder (null: manifest)
 * @param rescue             second detection pass when the first finds no face (masked faces; on by default)
 */
public record AnalyzerConfig(MfrHome home, String detectorId, String landmarksId, String embedderId,
                             DetectorSettings detector, boolean flipTest, OrtSettings ort, ImageLimits imageLimits,
                             ChannelOrder detectorOrder, ChannelOrder embedderOrder, DetectionRescue rescue) {

    /** The configuration with the default detection rescue. */
    public AnalyzerConfig(MfrHome home, String detectorId, String landmarksId, String embedderId,
                          DetectorSettings detector, boolean flipTest, OrtSettings ort, ImageLimits imageLimits,
                          ChannelOrder detectorOrder, ChannelOrder embedderOrder) {
        this(home, detectorId, landmarksId, embedderId, detector, flipTest, ort, imageLimits, detectorOrder,
                embedderOrder, DetectionRescue.DEFAULT);
    }

    public AnalyzerConfig withRescue(DetectionRescue r) {
        return new AnalyzerConfig(home, detectorId, landmarksId, embedderId, detector, flipTest, ort, imageLimits,
                detectorOrder, embedderOrder, r);
    }

    public static AnalyzerConfig defaults() {
        return new AnalyzerConfig(MfrHome.resolve(), DefaultModels.DETECTOR, DefaultModels.LANDMARKS,
                DefaultModels.EMBEDDER, DetectorSettings.DEFAULT, false, OrtSettings.allCores(), ImageLimits.DEFAULT,
                null, null, DetectionRescue.DEFAULT);
    }

    public AnalyzerConfig withEmbedder(String id) {
        return new AnalyzerConfig(home, detectorId, landmarksId, id, detector, flipTest, ort, imageLimits,
                detectorOrder, embedderOrder, rescue);
    }

    public AnalyzerConfig withFlipTest(boolean flip) {
        return new AnalyzerConfig(home, detectorId, landmarksId, embedderId, detector, flip, ort, imageLimits,
                detectorOrder, embedderOrder, rescue);
    }

    public AnalyzerConfig withOrt(OrtSettings s) {
        return new AnalyzerConfig(home, detectorId, landmarksId, embedderId, detector, flipTest, s, imageLimits,
                detectorOrder, embedderOrder, rescue);
    }

    public AnalyzerConfig withDetector(DetectorSettings d) {
        return new AnalyzerConfig(home, detectorId, landmarksId, embedderId, d, flipTest, ort, imageLimits,
                detectorOrder, embedderOrder, rescue);
    }

    public AnalyzerConfig withChannelOrders(ChannelOrder detectorOrder, ChannelOrder embedderOrder) {
        return new AnalyzerConfig(home, detectorId, landmarksId, embedderId, detector, flipTest, ort, imageLimits,
                detectorOrder, embedderOrder, rescue);
    }

    public AnalyzerConfig withHome(MfrHome h) {
        return new AnalyzerConfig(h, detectorId, landmarksId, embedderId, detector, flipTest, ort, imageLimits,
                detectorOrder, embedderOrder, rescue);
    }

    /** Every resolved value, in a stable order. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("home", home.root().toString());
        m.put("detector", detectorId);
        m.put("landmarks", landmarksId);
        m.put("embedder", embedderId);
        m.put("detector.scoreThreshold", detector.scoreThreshold());
        m.put("detector.nmsIou", detector.nmsIou());
        m.put("detector.maxFaces", detector.maxFaces());
        m.put("detector.minFaceSize", detector.minFaceSize());
        m.put("flipTest", flipTest);
        m.put("ort.intraOpThreads", ort.intraOpThreads());
        m.put("ort.interOpThreads", ort.interOpThreads());
        m.put("ort.spinning", ort.spinning());
        m.put("image.maxBytes", imageLimits.maxBytes());
        m.put("image.maxPixels", imageLimits.maxPixels());
        m.put("image.maxDecodeSide", imageLimits.maxDecodeSide());
        m.put("detectorOrder", detectorOrder == null ? "manifest" : detectorOrder);
        m.put("embedderOrder", embedderOrder == null ? "manifest" : embedderOrder);
        m.put("rescue.enabled", rescue.enabled());
        m.put("rescue.padding", rescue.padding());
        m.put("rescue.lowThreshold", rescue.lowThreshold());
        return m;
    }
}
