package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import picocli.CommandLine;

class BenchCommandTest {

    private static CommandLine cli(StringWriter out, Exception[] thrown) {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        cl.setExecutionExceptionHandler((e, c, p) -> {
            thrown[0] = e;
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }

    private static InputException inputError(String... args) {
        Exception[] thrown = new Exception[1];
        assertEquals(ExitCodes.BAD_INPUT, cli(new StringWriter(), thrown).execute(args));
        return assertInstanceOf(InputException.class, thrown[0]);
    }

    @Test
    void quickJsonRunOnATinyGrid() throws Exception {
        StringWriter out = new StringWriter();
        int code = cli(out, new Exception[1]).execute("--part", "kernels", "--quick", "--json", "--rows", "2", "--widths", "3", "--depth", "1",
                "--engines", "mlpfield,jvm");
        assertEquals(0, code);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertEquals(4, root.get("cells").size()); // 2 engines x 2 operations
        assertTrue(root.get("cells").get(0).get("median_us").asDouble() > 0);
        assertTrue(root.get("auto_rule").asText().length() > 0);
    }

    @Test
    void badValuesAreInputErrors() {
        InputException e = inputError("--part", "kernels", "--quick", "--rows", "0");
        assertTrue(e.getMessage().contains("--rows"), e.getMessage());
        e = inputError("--part", "kernels", "--quick", "--engines", "cuda");
        assertTrue(e.getMessage().contains("cuda"), e.getMessage());
        e = inputError("--part", "parallel", "--warm-jobs", "-1");
        assertTrue(e.getMessage().contains("--warm-jobs"), e.getMessage());
        e = inputError("--part", "parallel", "--averaging-frequency", "0");
        assertTrue(e.getMessage().contains("--averaging-frequency"), e.getMessage());
    }

    @Test
    void unknownPartIsAnInputError() {
        assertTrue(inputError("--part", "everything").getMessage().contains("--part everything"));
    }
}
