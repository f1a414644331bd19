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

@Command(name = "mfr2", mixinStandardHelpOptions = true,
        header = "MFR2 real masked faces, by mask pair type.",
        description = {"MFR2 (real masked faces): the pairs of pairs.txt, broken down by pair type from mfr2_labels.txt:",
            "unmasked-unmasked, masked-unmasked, masked-masked (and by mask type), with the accuracy of each type at its",
            "own best threshold and at the global one.",
            "Example: mfr eval mfr2 --out reports/mfr2"})
final class EvalMfr2Command extends PairsEvalBase {
    @Option(names = "--data", paramLabel = "DIR", description = "MFR2 folder (default: $MFR_DATA/mfr2)")
    Path data;

    @Override
    String protocol() {
        return "MFR2 pairs";
    }

    @Override
    Path root() {
        return data != null ? data : SharedData.dataset("mfr2")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("mfr2")));
    }

    @Override
    List<ImagePair> pairs(Path root) {
        return PairProtocols.mfr2(root);
    }

    @Override
    ImageLabels builtInLabels(Path root) {
        return ImageLabels.mfr2(root);
    }
}
