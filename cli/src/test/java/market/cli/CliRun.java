package market.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code market} command in-process, with its exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    /** A run whose wallet passphrase is the tests' ({@link TestWallets}). */
    static CliRun market(String... args) {
        String[] withPassphrase = new String[args.length + 2];
        withPassphrase[0] = "--passphrase-file";
        withPassphrase[1] = TestWallets.PASSPHRASE_FILE.toString();
        System.arraycopy(args, 0, withPassphrase, 2, args.length);
        return bare(withPassphrase);
    }

    /** A run given exactly {@code args}. */
    static CliRun bare(String... args) {
        CommandLine cli = new CommandLine(new Market());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
