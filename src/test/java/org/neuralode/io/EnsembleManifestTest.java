package org.neuralode.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.InputException;

/** {@link EnsembleManifest}: round trip, and refusals naming the manifest (member paths never leave the directory). */
class EnsembleManifestTest {

    @Test
    void aManifestReadsBackAsWritten(@TempDir Path dir) {
        EnsembleManifest m = new EnsembleManifest(List.of(new EnsembleManifest.Member("member-0", 3, 11),
                new EnsembleManifest.Member("member-1", 4, 12)));
        m.write(dir.toString());
        assertEquals(m, EnsembleManifest.read(dir.toString()));
        assertEquals(m, EnsembleManifest.read(dir.resolve("ensemble.json").toString()));
        assertEquals(dir.resolve("member-1").toString(), m.memberLocation(dir.toString(), 1));
    }

    @Test
    void badManifestsExitTwoNamingTheFile(@TempDir Path dir) throws IOException {
        String member = "{\"path\": \"member-0\", \"seeds\": {\"model\": 0, \"training\": 1}}";
        String file = dir.resolve("ensemble.json").toString();
        for (String[] bad : new String[][] {
            {"[]", file + ": is not an ensemble manifest"},
            {"{\"kind\": \"model\"}", file + ": is not an ensemble manifest"},
            {"{\"kind\": \"ensemble\", \"format_version\": 2}", file + ": format_version 2 is not 1..1"},
            {"{\"kind\": \"ensemble\", \"format_version\": 1, \"n_members\": 2, \"members\": [" + member + "]}",
                file + ": needs a non-empty list \"members\" of n_members (2) entries"},
            {"{\"kind\": \"ensemble\", \"format_version\": 1, \"n_members\": 1, \"members\": ["
                + member.replace("member-0", "../elsewhere") + "]}", file + ": members[0]: needs \"path\""},
            {"{\"kind\": \"ensemble\", \"format_version\": 1, \"n_members\": 1, \"members\": ["
                + member.replace("\"model\": 0", "\"model\": \"x\"") + "]}", file + ": members[0]: needs \"path\""},
            {"{", file + ": not JSON: "}}) {
            Files.writeString(dir.resolve("ensemble.json"), bad[0]);
            InputException e = assertThrows(InputException.class, () -> EnsembleManifest.read(dir.toString()));
            assertTrue(e.getMessage().startsWith(bad[1]), bad[0] + " -> " + e.getMessage());
        }
        for (String name : List.of("..", "a/b", "/abs", "a\\b", "", "-x")) {
            assertThrows(IllegalArgumentException.class, () -> new EnsembleManifest.Member(name, 0, 0), name);
        }
    }
}
