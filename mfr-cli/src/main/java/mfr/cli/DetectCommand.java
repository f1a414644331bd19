package mfr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.core.face.Face;
import mfr.core.image.LoadedImage;
import mfr.mask.classify.MaskClassifier;
import mfr.onnx.analyzer.FaceAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Find faces and print JSON: box, score, 5 and 68 landmarks, in pixels of the original image.",
            "An image with no face prints an empty list and exits 0; use 'mfr embed' to require a face.",
            "With a mask classifier installed ('mfr mask train-classifier'), each face also gets maskProbability and masked.",
            "Example: mfr detect group.jpg --draw boxes.png"})
public final class DetectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "JPEG, PNG, BMP or WebP files")
    List<Path> images;

    @Option(names = "--draw", paramLabel = "OUT.png", description = "write a copy of the (single) image with boxes and landmarks")
    Path draw;

    @Option(names = "--no-68", description = "leave the 68 landmarks out of the JSON")
    boolean no68;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        if (draw != null && images.size() != 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--draw takes a single IMAGE");
        }
        // The mask classifier, when 'mfr mask train-classifier' has installed it, needs the aligned crop and embedding.
        try (FaceAnalyzer fa = models.open();
             MaskClassifier masks = MaskClassifier.load(fa.config().home().models()).orElse(null)) {
            List<Object> results = new ArrayList<>();
            for (Path p : images) {
                LoadedImage img = fa.load(p);
                List<Face> faces = masks == null ? fa.locate(img.image())
                        : fa.analyze(img.image()).stream().map(masks::annotate).toList();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("image", p.toString());
                r.put("width", img.width());
                r.put("height", img.height());
                List<Object> fs = new ArrayList<>();
                for (Face f : faces) {
                    Map<String, Object> j = Json.face(f, img.subsampling(), !no68);
                    if (f.maskKnown()) {
                        j.put("maskProbability", Math.round(f.maskProbability() * 10000) / 10000.0);
                        j.put("masked", f.maskProbability() >= masks.threshold());
                    }
                    fs.add(j);
                }
                r.put("faces", fs);
                results.add(r);
                if (draw != null) {
                    Outputs.writeImage(Drawing.draw(img.image(), faces), draw);
                }
            }
            System.out.println(Json.write(results.size() == 1 ? results.get(0) : results));
        }
        return 0;
    }
}
