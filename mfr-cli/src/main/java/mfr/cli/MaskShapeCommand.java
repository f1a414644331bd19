package mfr.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mfr.core.dataset.SharedData;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.core.geometry.Landmarks;
import mfr.mask.dataset.IdentityFolders;
import mfr.mask.render.MeanShape;
import mfr.onnx.analyzer.FaceAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "mean-shape", mixinStandardHelpOptions = true,
        description = {"Fit the mean 68-point shape used to draw masks from 5 points: the 68 landmarks of the first",
            "image of N identities, each aligned onto the ArcFace template by its own 5 points, averaged.",
            "Writes the file the mfr-mask module ships (mfr-mask/src/main/resources/mfr/mask/mean-shape-68.txt).",
            "Example: mfr mask mean-shape --identities 500 -o mean-shape-68.txt"})
public final class MaskShapeCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "output text file")
    Path output;

    @Option(names = "--identities", defaultValue = "500", description = "identities used (default: ${DEFAULT-VALUE})")
    int identities;

    @Option(names = "--data", paramLabel = "DIR", description = "identity folders (default: $MFR_DATA/lfw-deepfunneled)")
    Path data;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        Path root = data != null ? data : SharedData.dataset("lfw-deepfunneled")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("lfw-deepfunneled")));
        List<Path> files = IdentityFolders.sample(root, identities, 1);
        List<Landmarks> shapes = new ArrayList<>();
        try (FaceAnalyzer fa = models.open()) {
            for (Path p : files) {
                List<Face> fs = fa.locate(fa.load(p).image());
                if (!fs.isEmpty()) {
                    shapes.add(fs.stream().max(java.util.Comparator.comparingDouble(f -> f.box().area())).get()
                            .landmarks());
                }
            }
        }
        MeanShape m = MeanShape.fit(shapes);
        String header = "Mean 68-point shape (iBUG 300-W order) in ArcFace 112x112 aligned-crop pixels.\n"
                + "Fitted by 'mfr mask mean-shape --identities " + identities + "' on " + shapes.size()
                + " faces (first image of each identity of " + root.getFileName() + "),\n"
                + "landmarks from fr_landmark, each face aligned by its own 5 points.";
        Outputs.writeBytes(m.format(header).getBytes(StandardCharsets.UTF_8), output);
        System.out.println(output + ": mean of " + shapes.size() + " faces");
        return 0;
    }
}
