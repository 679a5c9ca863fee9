package market.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code market} command in-process, with its exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun market(String... args) {
        CommandLine cli = new CommandLine(new Market());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
