package mfr.cli;

import picocli.CommandLine.Command;

@Command(name = "mfr", mixinStandardHelpOptions = true, version = "mfr 0.1.0",
        description = {
            "Mask-robust face recognition on the JVM: detect, align and embed faces, compare them, benchmark the pipeline.",
            "",
            "Models are installed into $MFR_HOME/models (default ~/.mfr) from npm on first use.",
            "Datasets for 'lfw' are read from $MFR_DATA (default ../shared/data beside the repository)."},
        subcommands = {ModelsCommand.class, DetectCommand.class, AlignCommand.class, EmbedCommand.class,
            CompareCommand.class, BenchCommand.class, LfwCommand.class, DemoCommand.class, EvalCommand.class,
            CleanCommand.class, CleanCheckCommand.class, CleanBenchCommand.class, OverlapCommand.class, MaskCommand.class,
            ServeCommand.class, IndexBenchCommand.class, CalibrateCommand.class, LoadTestCommand.class,
            TrainCommand.class, TrainBenchCommand.class,
            picocli.CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success            1  internal error        2  usage error",
            "  3  unreadable image   4  image too large       5  no face found",
            "  6  model missing, install failed or digest mismatch",
            "  7  I/O error          8  file not found",
            "",
            "Examples:",
            "  mfr compare a.jpg b.jpg      similarity of the main faces and a same/different decision",
            "  mfr detect group.jpg --draw boxes.png",
            "  mfr bench                    FRUITS single-core timing of the whole pipeline"})
public final class MfrCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
