package mfr.cli;

import java.nio.file.Path;
import java.util.List;
import mfr.eval.report.EvalReport;
import mfr.eval.report.ReportFiles;
import mfr.eval.report.TextReport;

/** Prints a report (tables or JSON) and writes its files when --out is given. */
final class EvalOutput {
    private EvalOutput() {
    }

    static int emit(EvalReport r, EvalOptions opts) {
        if (opts.out != null) {
            List<Path> files = ReportFiles.write(r, opts.out);
            System.err.println("mfr: report written: " + opts.out.toAbsolutePath().resolve("report.html") + " (and "
                    + (files.size() - 1) + " more files)");
        }
        System.out.print(opts.json ? ReportFiles.json(r) + "\n" : TextReport.render(r));
        return 0;
    }
}
