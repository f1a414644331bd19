package mfr.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.mask.augment.MaskAugment;
import mfr.mask.convert.DatasetMasker;
import mfr.mask.dataset.IdentityFolders;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "mask", mixinStandardHelpOptions = true,
        description = {"Synthetic masks. With IN and OUT: copy an identity-folder dataset (IN/<identity>/<image>)",
            "to OUT, drawing a random mask on a fraction --ratio of the faces (main face, 68 landmarks) and copying",
            "the other images unchanged. OUT/masks.csv says what each image got (masked, unmasked, no-face);",
            "rerunning the same command after an interruption resumes where it stopped. The result depends only",
            "on --seed and each image's path, not on order or threads.",
            "The subcommands draw contact sheets, measure realism, train and check the mask classifier, and",
            "measure detection under masks and masked-template enrollment.",
            "Example: mfr mask lfw-deepfunneled lfw-masked --ratio 0.5 --types surgical,cloth,KN95 --seed 1"},
        subcommands = {MaskSheetCommand.class, MaskRealismCommand.class, MaskTrainCommand.class, MaskCheckCommand.class, MaskValidateCommand.class,
            MaskDetectionCommand.class, MaskEnrollmentCommand.class,
            MaskShapeCommand.class})
public final class MaskCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IN", description = "identity-folder dataset to read")
    Path in;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUT", description = "folder to write (created)")
    Path out;

    @Option(names = "--ratio", defaultValue = "0.5", description = "fraction of images masked, 0..1 (default: ${DEFAULT-VALUE})")
    double ratio;

    @Option(names = "--types", defaultValue = "all",
            description = "mask types: labels (surgical_blue, cloth_textured, N95, KN95, ...), families (surgical,"
                    + " cloth, n95, kn95) or all, comma-separated (default: ${DEFAULT-VALUE})")
    String types;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--workers", defaultValue = "1", description = "images converted in parallel (default: ${DEFAULT-VALUE})")
    int workers;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        if (in == null) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
        if (out == null) {
            throw new MfrException(ErrorCode.USAGE, "missing OUT: mfr mask IN OUT [--ratio p] (see mfr mask --help)");
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new MfrException(ErrorCode.USAGE, "--ratio must be between 0 and 1, got " + ratio);
        }
        MaskAugment augment = new MaskAugment(ratio, MaskType.parseList(types));
        int n = IdentityFolders.images(in).size();
        DatasetMasker.Summary s;
        try (FaceAnalyzer fa = FaceAnalyzer.open(models.config().withOrt(OrtSettings.singleThread()));
             ProgressBar pb = Progress.bar("masking", n)) {
            s = new DatasetMasker(fa, augment, seed).run(in, out, workers, pb::stepTo);
        }
        System.out.printf(Locale.ROOT, "%d images: %d already done, %d masked, %d copied unmasked, %d without a face"
                + " (copied), %d unreadable (copied); log %s%n", s.total(), s.skipped(), s.masked(), s.unmasked(),
                s.noFace(), s.failed(), out.resolve(DatasetMasker.LOG));
        return 0;
    }
}
