package org.neuralode.spark.cv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.io.RunLock;

/**
 * Issue 13 (b): SIGTERM to a {@code cv} driver mid-sweep (a scheduler's timeout) ends it with exit 143 and one
 * stderr line, no stack trace and no Spark error noise, {@code run.json} status {@code interrupted}, the lock
 * released, and the rerun completes with a report.json identical to an undisturbed run's ({@link KilledSweep}).
 */
class CvSigtermTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(600)
    void sigtermMidSweepExits143WithOneLineAndTheRerunGivesTheUndisturbedReport() throws Exception {
        Path config = tmp.resolve("cv.yaml").toAbsolutePath();
        Files.write(config, CvTestConfigs.yaml("{leave_one_out: true}", "{model.width: [3, 4]}", 1, 150));
        Path out = tmp.resolve("stopped").toAbsolutePath();
        int[] code = {-1};
        int done = KilledSweep.stopMidSweep(tmp, config.toString(), out.toString(), driver -> {
            driver.destroy(); // SIGTERM
            assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the driver ended after SIGTERM");
            code[0] = driver.exitValue();
        });
        String err = Files.readString(tmp.resolve("driver.err"));
        String log = Files.readString(tmp.resolve("driver.log"));
        assertEquals(143, code[0], err + log);
        List<String> lines = err.strip().lines().toList();
        int header = lines.indexOf("neuralode: cv: 24 tasks, 0 already done in " + out + ", 24 to run");
        assertTrue(header >= 0, err);
        assertEquals(header + 2, lines.size(), "one line after the start: " + err);
        Matcher m = Pattern.compile("neuralode: interrupted: (\\d+) of 24 tasks done in " + Pattern.quote(out.toString())
                + "; rerun the same command to resume").matcher(lines.get(header + 1));
        assertTrue(m.matches(), lines.get(header + 1));
        int reported = Integer.parseInt(m.group(1));
        assertTrue(reported >= 3 && reported <= done, reported + " reported, " + done + " on disk");
        for (String noise : List.of("Exception", "\tat ", " ERROR ", "internal error")) {
            assertFalse(err.contains(noise) || log.contains(noise), noise + " in\n" + err + log);
        }
        assertEquals("interrupted", new ObjectMapper().readTree(out.resolve("run.json").toFile())
                .get("status").asText());
        assertFalse(Files.exists(out.resolve(RunLock.NAME)), "the lock was released");
        KilledSweep.resumeAndCompare(config.toString(), out.toString(), tmp.resolve("undisturbed").toString(), done);
    }
}
