package mfr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import mfr.core.dataset.SharedData;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.core.image.LoadedImage;
import mfr.core.image.RgbImage;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.core.image.ContactSheet;
import mfr.mask.render.MaskRenderer;
import mfr.mask.render.MaskStyle;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.FaceAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sheet", mixinStandardHelpOptions = true,
        description = {"Contact sheet of synthetic masks next to real ones, to look at: for each of N unmasked MFR2",
            "photos, the photo, then one random mask per type drawn on the whole image (68 landmarks), one drawn",
            "from 5 points through the mean shape, and one drawn on the aligned 112x112 crop; the last rows show",
            "real masked MFR2 photos.",
            "Example: mfr mask sheet -o masks.png --faces 6"})
public final class MaskSheetCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.png", description = "contact sheet PNG")
    Path output;

    @Option(names = "--faces", defaultValue = "6", description = "unmasked photos to mask (default: ${DEFAULT-VALUE})")
    int faces;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--types", defaultValue = "all", description = "mask types (default: ${DEFAULT-VALUE})")
    String types;

    @Option(names = "--data", paramLabel = "DIR", description = "MFR2 folder (default: $MFR_DATA/mfr2)")
    Path data;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        Path root = data != null ? data : SharedData.dataset("mfr2")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("mfr2")));
        Mfr2Dataset ds = Mfr2Dataset.load(root);
        List<MaskType> ts = MaskType.parseList(types);
        MaskRenderer renderer = new MaskRenderer();
        Random rng = new Random(seed);
        int cols = ts.size() + 3;
        ContactSheet sheet = new ContactSheet(128, cols);
        try (FaceAnalyzer fa = models.open()) {
            List<Mfr2Dataset.Entry> un = new ArrayList<>(ds.unmasked());
            java.util.Collections.shuffle(un, new Random(seed));
            for (Mfr2Dataset.Entry e : un.subList(0, Math.min(faces, un.size()))) {
                LoadedImage img = fa.load(e.file());
                Face f = fa.mainFace(img);
                sheet.add(img.image(), e.identity());
                for (MaskType t : ts) {
                    MaskStyle s = MaskStyle.random(List.of(t), rng);
                    sheet.add(renderer.render(img.image(), f.landmarks(), s), t.label());
                }
                MaskStyle s5 = MaskStyle.random(ts, rng);
                sheet.add(renderer.render(img.image(), f.fivePoints(), s5), "5pt " + s5.type().label());
                MaskStyle sc = MaskStyle.random(ts, rng);
                RgbImage crop = renderer.renderOnCrop(f.aligned(), f.landmarks(),
                        fa.aligner().transform(f.landmarks()), sc);
                sheet.add(crop, "crop " + sc.type().label());
            }
            int blanks = (cols - sheet.size() % cols) % cols;
            for (int i = 0; i < blanks; i++) {
                sheet.add(new RgbImage(1, 1, new byte[] {-1, -1, -1}), "");
            }
            List<Mfr2Dataset.Entry> real = new ArrayList<>(ds.masked());
            java.util.Collections.shuffle(real, new Random(seed + 1));
            for (Mfr2Dataset.Entry e : real.subList(0, Math.min(cols * 2, real.size()))) {
                sheet.add(fa.load(e.file()).image(), "real " + e.label());
            }
        }
        Outputs.writeImage(sheet.render("synthetic masks (rows 1.." + faces + ") and real MFR2 masks (last rows)"),
                output);
        System.out.println(output);
        return 0;
    }
}
