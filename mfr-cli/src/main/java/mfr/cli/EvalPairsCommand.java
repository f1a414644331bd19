package mfr.cli;

import java.nio.file.Path;
import java.util.List;
import mfr.core.dataset.ImagePair;
import mfr.eval.protocol.PairProtocols;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "pairs", mixinStandardHelpOptions = true,
        header = "Any pairs file in the LFW format.",
        description = {"Any pairs file in the LFW/MFR2 format: 'Name i j' (same person, images Name/Name_000i.ext) and",
            "'Name1 i Name2 j' (different people); an optional first line 'K N' (K folds of N same and N different",
            "pairs, as LFW View 2's '10 300') gives K-fold accuracy.",
            "Example: mfr eval pairs --pairs my_pairs.txt --root photos --labels attributes.csv --out report"})
final class EvalPairsCommand extends PairsEvalBase {
    @Option(names = "--pairs", paramLabel = "FILE", required = true, description = "the pairs file")
    Path pairsFile;

    @Option(names = "--root", paramLabel = "DIR", description = "image folder (default: the pairs file's folder)")
    Path rootDir;

    @Option(names = "--ext", paramLabel = "EXT", description = "image extension (default: found from the first pair)")
    String ext;

    @Override
    String protocol() {
        return "pairs " + pairsFile.getFileName();
    }

    @Override
    Path root() {
        return rootDir != null ? rootDir : pairsFile.toAbsolutePath().getParent();
    }

    @Override
    List<ImagePair> pairs(Path root) {
        return PairProtocols.read(pairsFile, root, ext);
    }
}
