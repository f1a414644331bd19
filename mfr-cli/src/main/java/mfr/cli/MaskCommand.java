package mfr.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "mask", mixinStandardHelpOptions = true,
        description = {"Synthetic masks: draw them, convert datasets, train and check the mask classifier, and",
            "measure realism, detection under masks and masked-template enrollment.",
            "Example: mfr mask sheet -o masks.png"},
        subcommands = {MaskSheetCommand.class, MaskRealismCommand.class, MaskShapeCommand.class})
public final class MaskCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
