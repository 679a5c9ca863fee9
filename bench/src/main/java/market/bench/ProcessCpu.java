package market.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the platform's processes, from {@code /proc/<pid>/stat}: user plus system time, in
 * seconds, for each process the launcher started (its pid files) and for this load generator.
 */
final class ProcessCpu {

    /** Clock ticks a second of {@code utime} and {@code stime}: USER_HZ, 100 on Linux. */
    private static final double TICKS = 100.0;

    private final Map<String, Long> pids = new LinkedHashMap<>();

    ProcessCpu(Path runDir) throws IOException {
        try (var files = Files.list(runDir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".pid") && !name.equals("launcher.pid")) {
                    pids.put(name.substring(0, name.length() - 4), Long.parseLong(Files.readString(file).trim()));
                }
            }
        }
        pids.put("load-generator", ProcessHandle.current().pid());
    }

    /** Counts one more process, such as a service instance the load generator started itself. */
    void add(String name, long pid) {
        pids.put(name, pid);
    }

    /** Counts a process no more, once it is stopped. */
    void remove(String name) {
        pids.remove(name);
    }

    /** CPU seconds of each process so far; a process that is gone reads as -1. */
    Map<String, Double> sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, cpuSeconds(pid)));
        return seconds;
    }

    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count from after it
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
