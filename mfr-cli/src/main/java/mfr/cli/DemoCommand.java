package mfr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mfr.core.face.Face;
import mfr.core.image.LoadedImage;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.DefaultModels;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Analyse the six demo photos of @vladmandic/face-api (installed from npm on first use):",
            "every face is detected, aligned and embedded, and the similarity matrix of all faces is printed, with",
            "pairs at or above the decision threshold marked '*'. --draw DIR writes each photo with its boxes."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--draw", paramLabel = "DIR", description = "write annotated copies of the photos here")
    Path draw;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        Path dir = new ModelInstaller(MfrHome.resolve()).ensureSamples();
        List<String> labels = new ArrayList<>();
        List<Face> faces = new ArrayList<>();
        try (FaceAnalyzer fa = models.open()) {
            for (int s = 1; s <= 6; s++) {
                Path p = dir.resolve("sample" + s + ".jpg");
                LoadedImage img = fa.load(p);
                List<Face> found = fa.analyze(img);
                System.out.printf(Locale.ROOT, "sample%d.jpg  %dx%d  %d faces%n", s, img.width(), img.height(), found.size());
                for (int i = 0; i < found.size(); i++) {
                    labels.add("s" + s + "#" + i);
                    faces.add(found.get(i));
                }
                if (draw != null) {
                    Outputs.writeImage(Drawing.draw(img.image(), found), draw.resolve("sample" + s + ".png"));
                }
            }
        }
        double t = DefaultModels.EMBEDDER_THRESHOLD;
        System.out.printf(Locale.ROOT, "%nCosine similarity of every face pair ('*' = same person at threshold %.2f):%n", t);
        StringBuilder head = new StringBuilder(String.format("%-7s", ""));
        labels.forEach(l -> head.append(String.format("%7s", l)));
        System.out.println(head);
        int matches = 0;
        for (int i = 0; i < faces.size(); i++) {
            StringBuilder row = new StringBuilder(String.format("%-7s", labels.get(i)));
            for (int j = 0; j < faces.size(); j++) {
                double sim = faces.get(i).embedding().similarity(faces.get(j).embedding());
                boolean mark = i != j && sim >= t;
                if (mark && j > i) {
                    matches++;
                }
                row.append(String.format(Locale.ROOT, "%6.2f%s", sim, mark ? "*" : " "));
            }
            System.out.println(row);
        }
        System.out.printf(Locale.ROOT, "%n%d faces in 6 photos; %d pairs judged the same person.%n", faces.size(), matches);
        if (draw != null) {
            System.out.println("annotated photos in " + draw);
        }
        return 0;
    }
}
