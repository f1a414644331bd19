package mfr.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mfr.core.face.Face;
import mfr.core.image.LoadedImage;
import mfr.onnx.analyzer.FaceAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "align", mixinStandardHelpOptions = true,
        description = {"Write the 112x112 ArcFace-aligned crop of the main face (largest box) as PNG.",
            "With --all, every face is written as OUT_0.png, OUT_1.png, ... in detection order.",
            "Example: mfr align photo.jpg -o face.png"})
public final class AlignCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IMAGE", description = "input image")
    Path image;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.png", description = "output file")
    Path output;

    @Option(names = "--all", description = "write every face, not only the main one")
    boolean all;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        try (FaceAnalyzer fa = models.open()) {
            LoadedImage img = fa.load(image);
            if (!all) {
                Outputs.writeImage(fa.mainFace(img).aligned().toBufferedImage(), output);
                System.out.println(output);
                return 0;
            }
            List<Face> faces = fa.analyze(img);
            if (faces.isEmpty()) {
                throw new mfr.core.error.MfrException(mfr.core.error.ErrorCode.NO_FACE, image + ": no face found");
            }
            String name = output.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 ? name.substring(0, dot) : name;
            String ext = dot > 0 ? name.substring(dot) : ".png";
            for (int i = 0; i < faces.size(); i++) {
                Path out = output.resolveSibling(stem + "_" + i + ext);
                Outputs.writeImage(faces.get(i).aligned().toBufferedImage(), out);
                System.out.println(out);
            }
        }
        return 0;
    }
}
