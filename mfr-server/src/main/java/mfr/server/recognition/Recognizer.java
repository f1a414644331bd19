package mfr.server.recognition;

import java.util.List;
import java.util.concurrent.Semaphore;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.core.image.ImageLimits;
import mfr.core.image.ImageLoader;
import mfr.core.image.LoadedImage;
import mfr.mask.classify.MaskClassifier;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.analyzer.StageTimer;

/**
 * Decodes uploads under the service's limits and runs the pipeline, at most {@code slots} images at a time so that
 * a burst of requests queues instead of thrashing the cores.
 */
public final class Recognizer {
    private final FaceAnalyzer analyzer;
    private final String modelId;
    private final ImageLoader loader;
    private final Semaphore slots;
    private final StageTimer timer;
    private final MaskClassifier masks;

    public Recognizer(FaceAnalyzer analyzer, String modelId, ImageLimits limits, int slots, StageTimer timer) {
        this(analyzer, modelId, limits, slots, timer, null);
    }

    /**
     * @param masks the mask classifier ('mfr mask train-classifier'), or null: faces then carry no mask probability
     */
    public Recognizer(FaceAnalyzer analyzer, String modelId, ImageLimits limits, int slots, StageTimer timer,
                      MaskClassifier masks) {
        this.analyzer = analyzer;
        this.modelId = modelId;
        this.loader = new ImageLoader(limits);
        this.slots = new Semaphore(Math.max(1, slots), true);
        this.timer = timer;
        this.masks = masks;
    }

    /** The mask classifier in use, or null. */
    public MaskClassifier masks() {
        return masks;
    }

    /** The id (with digest) that the embeddings, and so the templates, carry. */
    public String modelId() {
        return modelId;
    }

    /** Every face with its embedding. */
    public AnalyzedImage analyze(byte[] bytes, String name) {
        return run(bytes, name, true);
    }

    /** Every face, boxes and landmarks only. */
    public AnalyzedImage locate(byte[] bytes, String name) {
        return run(bytes, name, false);
    }

    /** The main (largest) face, or NO_FACE. */
    public Face mainFace(byte[] bytes, String name) {
        Face f = analyze(bytes, name).mainFace();
        if (f == null) {
            throw new MfrException(ErrorCode.NO_FACE, name + ": no face found; send a photo with one clear face");
        }
        return f;
    }

    private AnalyzedImage run(byte[] bytes, String name, boolean embed) {
        if (bytes == null || bytes.length == 0) {
            throw new MfrException(ErrorCode.IMAGE_UNREADABLE, name + ": empty upload; send a JPEG, PNG, BMP or WebP image");
        }
        LoadedImage img = loader.decode(bytes, name);
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MfrException(ErrorCode.INTERNAL, "interrupted while waiting for the models");
        }
        try {
            // The mask classifier needs the aligned crop and the embedding, so with it detection runs the whole pipeline.
            List<Face> faces = embed || masks != null ? analyzer.analyze(img.image(), timer) : analyzer.locate(img.image());
            if (masks != null) {
                faces = faces.stream().map(masks::annotate).toList();
            }
            return new AnalyzedImage(faces, img.subsampling(), img.width(), img.height());
        } finally {
            slots.release();
        }
    }
}
