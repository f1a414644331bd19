package mfr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        header = "Evaluate embeddings: verification and 1:N protocols, TAR@FAR, per-group tables, reports.",
        description = {"Judge an embedder the way the MFR challenge does: TAR at FAR 1e-1 ... 1e-6 (exact, saying when a",
            "FAR is not measurable), EER, best and k-fold accuracy, ROC, score distributions, per-pair-type and",
            "per-group tables (FAR ratios between groups), 1:N rank-1 and TPIR at FPIR. Embeddings are cached per",
            "model ($MFR_HOME/cache/embeddings), so a second run only scores. --out DIR writes JSON, CSV, PNG plots",
            "and one self-contained HTML report.",
            "",
            "Examples:",
            "  mfr eval lfw --out reports/lfw           LFW View 2, 10-fold, gender groups",
            "  mfr eval mfr2                            MFR2 pairs by mask pair type",
            "  mfr eval pairs --pairs p.txt --root DIR  any pairs file",
            "  mfr eval set DIR                         identity folders, every genuine and impostor pair",
            "  mfr eval identify DIR                    1:N: rank-1, TPIR at FPIR",
            "  mfr eval bench                           scoring engine against numpy (100,000 vectors)",
            "  mfr eval results                         regenerate docs/results.md"},
        subcommands = {EvalLfwCommand.class, EvalMfr2Command.class, EvalPairsCommand.class, EvalSetCommand.class,
            EvalIdentifyCommand.class, EvalBenchCommand.class, EvalResultsCommand.class, EvalTradeoffCommand.class})
public final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
