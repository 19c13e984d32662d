package org.neuralode.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appending lines to a log: on a local path, and on an in-process HDFS (a Hadoop file system with append). */
class StorageAppendTest {

    @Test
    void localFilesGrowByWholeAppends(@TempDir Path dir) throws Exception {
        RunDirectory out = RunDirectory.open(dir.toString(), false);
        assertTrue(out.canAppend());
        out.write("log.tsv", "header\n");
        out.appendLine("log.tsv", "row 1");
        out.appendLine("log.tsv", "row 2");
        assertEquals("header\nrow 1\nrow 2\n", Files.readString(dir.resolve("log.tsv")));
    }

    @Tag("hdfs")
    @Test
    void hdfsAppendsThroughHadoop(@TempDir Path dir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            cluster.waitActive();
            Storage.configure(cluster.getConfiguration(0));
            String root = cluster.getFileSystem().getUri() + "/run";
            RunDirectory out = RunDirectory.open(root, false);
            assertTrue(out.canAppend());
            out.write("log.tsv", "header\n");
            out.appendLine("log.tsv", "row 1");
            out.appendLine("log.tsv", "row 2");
            assertEquals("header\nrow 1\nrow 2\n",
                    new String(Storage.read(out.path("log.tsv")), StandardCharsets.UTF_8));
        } finally {
            Storage.configure(null);
            cluster.shutdown();
        }
    }
}
