package mfr.cli;

import java.nio.file.Path;
import java.util.List;
import mfr.core.dataset.ImagePair;
import mfr.core.dataset.SharedData;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.eval.group.ImageLabels;
import mfr.eval.protocol.PairProtocols;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lfw", mixinStandardHelpOptions = true,
        header = "LFW View 2: 10-fold accuracy, TAR@FAR, gender groups.",
        description = {"LFW View 2: all 6,000 pairs of pairs.txt, 10-fold accuracy (each fold at the threshold best on",
            "the other nine: mean and standard deviation), TAR@FAR, EER, ROC, and per-group tables from the LFW",
            "gender lists (labels/female_names.txt, labels/male_names.txt) when present.",
            "Example: mfr eval lfw --out reports/lfw"})
final class EvalLfwCommand extends PairsEvalBase {
    @Option(names = "--data", paramLabel = "DIR", description = "LFW folder (default: $MFR_DATA/lfw-deepfunneled)")
    Path data;

    @Override
    String protocol() {
        return "LFW View 2";
    }

    @Override
    Path root() {
        return data != null ? data : SharedData.dataset("lfw-deepfunneled")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("lfw-deepfunneled")));
    }

    @Override
    List<ImagePair> pairs(Path root) {
        return PairProtocols.lfw(root);
    }

    @Override
    ImageLabels builtInLabels(Path root) {
        return java.nio.file.Files.isDirectory(root.resolve("labels")) ? ImageLabels.lfwGender(root) : null;
    }
}
