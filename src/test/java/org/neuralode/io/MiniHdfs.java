package org.neuralode.io;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process HDFS for the {@code hdfs}-tagged tests, as a JUnit extension of a test class
 * ({@code @RegisterExtension static final MiniHdfs HDFS = new MiniHdfs();}): before the class's tests a
 * NameNode and one DataNode start on 127.0.0.1 (random ports), storing in a temporary directory; after them
 * they shut down and the directory is deleted. Locations are full {@code hdfs://127.0.0.1:PORT/...} URIs, so
 * a child JVM reaches it without any configuration. Not thread-safe.
 */
public final class MiniHdfs implements BeforeAllCallback, AfterAllCallback {

    private Path baseDir;
    /**
     * With one DataNode an append cannot add a replacement node to its pipeline, so the client's default
     * "replace a failed DataNode" policy fails every append (progress.tsv grows by appends); real clusters
     * have three or more DataNodes and keep the default.
     */
    private static final String REPLACE_DATANODE = "dfs.client.block.write.replace-datanode-on-failure.enable";

    private MiniDFSCluster cluster;
    private FileSystem fs;

    /** Starts the NameNode and the DataNode; waits until they are up. */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        baseDir = Files.createTempDirectory("mini-hdfs");
        // the builder sets MiniDFSCluster.HDFS_MINIDFS_BASEDIR (and refuses a conf that already has it)
        cluster = new MiniDFSCluster.Builder(new Configuration(), baseDir.toFile()).numDataNodes(1).build();
        cluster.waitActive();
        fs = cluster.getFileSystem();
        System.setProperty("spark.hadoop." + REPLACE_DATANODE, "false"); // Spark contexts started by the tests
        Configuration client = new Configuration();
        client.set(REPLACE_DATANODE, "false");
        Storage.configure(client); // the CLI's own reads and writes
    }

    /** Shuts the DataNode and the NameNode down and deletes their storage. */
    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (cluster != null) {
                cluster.shutdown();
            }
        } finally {
            FileUtil.fullyDelete(baseDir.toFile());
        }
    }

    /** The location of an absolute {@code path} on this HDFS: {@code hdfs://127.0.0.1:PORT/path}. */
    public String location(String path) {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort() + path;
    }

    /** Copies a local file to {@code path} on this HDFS; returns its {@link #location}. */
    public String put(Path local, String path) throws IOException {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toAbsolutePath().toUri()),
                new org.apache.hadoop.fs.Path(path));
        return location(path);
    }

    /**
     * A location on a NameNode that is not there: {@code hdfs://127.0.0.1:PORT/path} on a port that was
     * free a moment ago, so that connecting is refused.
     */
    public static String unreachable(String path) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "hdfs://127.0.0.1:" + s.getLocalPort() + path;
        }
    }
}
