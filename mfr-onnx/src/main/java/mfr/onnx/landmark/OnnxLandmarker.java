package mfr.onnx.landmark;

import java.util.ArrayList;
import java.util.List;
import mfr.core.geometry.Box;
import mfr.core.geometry.Landmarks;
import mfr.core.geometry.Point;
import mfr.core.image.Resampler;
import mfr.core.image.RgbImage;
import mfr.core.spi.Landmarker;
import mfr.onnx.runtime.OnnxModel;
import mfr.onnx.runtime.TensorPrep;

/**
 * The default 68-point landmark model ({@code fr_landmark}): a square grey crop whose side is the box height, centred
 * on the box, resized to 64x64; outputs are (x, y) fractions of that crop. Crops reaching outside the image are padded
 * with black instead of being shifted, so the mapping back to the image stays exact at the borders.
 */
public final class OnnxLandmarker implements Landmarker {
    private final OnnxModel model;

    public OnnxLandmarker(OnnxModel model) {
        this.model = model;
    }

    /** The square source region fed to the model for a box. */
    public static Box cropRegion(Box face) {
        double side = face.height();
        var c = face.center();
        return new Box(c.x() - side / 2, c.y() - side / 2, c.x() + side / 2, c.y() + side / 2);
    }

    public float[] prepare(RgbImage image, Box face) {
        Box r = cropRegion(face);
        RgbImage crop = Resampler.crop(image, r.x1(), r.y1(), r.width(), r.height(),
                model.spec().inputWidth(), model.spec().inputHeight(), 0);
        return TensorPrep.chw(crop, model.spec());
    }

    @Override
    public Landmarks landmarks(RgbImage image, Box face) {
        float[] out = model.run(prepare(image, face), model.singleShape()).values().iterator().next();
        Box r = cropRegion(face);
        List<Point> pts = new ArrayList<>(68);
        for (int i = 0; i < 68; i++) {
            pts.add(new Point(r.x1() + out[2 * i] * r.width(), r.y1() + out[2 * i + 1] * r.height()));
        }
        return new Landmarks(pts);
    }

    public OnnxModel model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }
}
