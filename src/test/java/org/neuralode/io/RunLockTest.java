package org.neuralode.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.InputException;

/** The run lock of an output directory: exclusive, named holder, stale takeover, refresh, release. */
class RunLockTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private final List<String> warnings = new ArrayList<>();

    @AfterEach
    void clearProperty() {
        System.clearProperty(RunLock.STALE_PROPERTY);
    }

    private Path lockFile(Path dir) {
        return dir.resolve(RunLock.NAME);
    }

    /** A lock file as another run, started now, would have written it. */
    private Path writeLock(Path dir, String host, long pid) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(lockFile(dir), "{\"host\": \"" + host + "\", \"pid\": " + pid
                + ", \"command\": \"cv\", \"start\": \"" + Instant.now() + "\", \"token\": \"theirs\"}");
    }

    @Test
    void holdsHostPidCommandAndStartAndReleasesWhatItCreated() throws IOException {
        Path dir = tmp.resolve("new/out");
        try (RunLock lock = RunLock.acquire(dir.toString(), "train", warnings::add)) {
            JsonNode held = JSON.readTree(lockFile(dir).toFile());
            assertEquals(ProcessHandle.current().pid(), held.get("pid").asLong());
            assertEquals(InetAddress.getLocalHost().getHostName(), held.get("host").asText());
            assertEquals("train", held.get("command").asText());
            assertTrue(held.get("start").isTextual() && held.get("token").isTextual(), held.toString());
            assertEquals(lockFile(dir).toString(), lock.location());
        }
        assertFalse(Files.exists(dir), "the directory the lock created, left empty, is removed");
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aSecondRunIsRefusedNamingTheHolderAndTheDirectoryKeepsItsFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(dir.resolve("run.json"), "{}");
        try (RunLock first = RunLock.acquire(dir.toString(), "cv", warnings::add)) {
            InputException e = assertThrows(InputException.class,
                    () -> RunLock.acquire(dir.toString(), "train", warnings::add));
            assertTrue(e.getMessage().contains("is in use by 'cv' (pid " + ProcessHandle.current().pid()),
                    e.getMessage());
            assertTrue(Files.exists(lockFile(dir)), "the refused run left the holder's lock alone");
        }
        assertFalse(Files.exists(lockFile(dir)));
        assertTrue(Files.exists(dir.resolve("run.json")));
    }

    @Test
    void aLockOfADeadProcessOnThisHostIsTakenOverWithOneWarning() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        Path dir = tmp.resolve("out");
        writeLock(dir, InetAddress.getLocalHost().getHostName(), gone.pid());
        try (RunLock lock = RunLock.acquire(dir.toString(), "train", warnings::add)) {
            assertEquals(ProcessHandle.current().pid(), JSON.readTree(lockFile(dir).toFile()).get("pid").asLong());
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("taking over the lock of 'cv' (pid " + gone.pid())
                && warnings.get(0).contains("is not running"), warnings.get(0));
        assertEquals(List.of(), Files.list(dir).toList(), "the stale lock was removed, not left aside");
    }

    @Test
    void aLiveProcessOnThisHostHoldsTheLock() throws Exception {
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            Path dir = tmp.resolve("out");
            writeLock(dir, InetAddress.getLocalHost().getHostName(), alive.pid());
            assertThrows(InputException.class, () -> RunLock.acquire(dir.toString(), "train", warnings::add));
        } finally {
            alive.destroyForcibly();
        }
    }

    /** A live process that started after the lock did reused a dead holder's pid: the lock is stale. */
    @Test
    void aReusedPidDoesNotHoldTheLock() throws Exception {
        Process younger = new ProcessBuilder("sleep", "60").start();
        try {
            Path dir = tmp.resolve("out");
            writeLock(dir, InetAddress.getLocalHost().getHostName(), younger.pid());
            Files.writeString(lockFile(dir), Files.readString(lockFile(dir))
                    .replaceAll("\"start\": \"[^\"]+\"", "\"start\": \"2024-01-01T00:00:00Z\""));
            RunLock.acquire(dir.toString(), "train", warnings::add).close();
            assertEquals(1, warnings.size(), warnings.toString());
        } finally {
            younger.destroyForcibly();
        }
    }

    @Test
    void anotherHostsLockIsStaleOnlyAfterGoingUnrefreshedForTheConfiguredTime() throws IOException {
        System.setProperty(RunLock.STALE_PROPERTY, "60");
        Path dir = tmp.resolve("out");
        Path lock = writeLock(dir, "elsewhere.example", 12345);
        InputException e = assertThrows(InputException.class,
                () -> RunLock.acquire(dir.toString(), "cv", warnings::add));
        assertTrue(e.getMessage().contains("pid 12345 on elsewhere.example"), e.getMessage());
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(61)));
        RunLock.acquire(dir.toString(), "cv", warnings::add).close();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("stale after 60 s"), warnings.get(0));
    }

    @Test
    @Timeout(60)
    void theHolderRefreshesItsLockWhileRunning() throws Exception {
        System.setProperty(RunLock.STALE_PROPERTY, "1"); // refreshed every 250 ms
        Path dir = tmp.resolve("out");
        try (RunLock lock = RunLock.acquire(dir.toString(), "cv", warnings::add)) {
            String first = Files.readString(lockFile(dir));
            while (Files.readString(lockFile(dir)).equals(first)) {
                Thread.sleep(50);
            }
            JsonNode now = JSON.readTree(lockFile(dir).toFile());
            assertTrue(now.get("refreshed").asText().compareTo(JSON.readTree(first).get("refreshed").asText()) > 0);
        }
    }

    @Test
    void theLockFileIsNoForeignFileForTheRunDirectory() throws IOException {
        Path dir = tmp.resolve("out");
        try (RunLock lock = RunLock.acquire(dir.toString(), "train", warnings::add)) {
            assertEquals(dir.toString(), RunDirectory.open(dir.toString(), false).location());
        }
    }
}
