package org.neuralode.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.net.StandardSocketFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuralode.InputException;

/**
 * A NameNode address that accepts no connection (a listening socket whose backlog is full, so connecting
 * times out): reading from it is an {@link InputException} naming the location, after the user's own
 * connection settings, which win over {@link Storage#CLIENT_DEFAULTS} (those would take 20 s).
 */
@Tag("hdfs")
class StorageTimeoutTest {

    /**
     * Hadoop keeps one IPC client per socket factory class and JVM, with the connect timeout of the
     * configuration that created it (here maybe a MiniDFSCluster's); a class of our own gets a new one.
     */
    public static final class OwnIpcClient extends StandardSocketFactory {
    }

    @Test
    @Timeout(15)
    void aNameNodeThatDoesNotAnswerIsRefusedAfterTheUsersConnectTimeout() throws IOException {
        Configuration user = new Configuration();
        user.set("ipc.client.connect.timeout", "500");
        user.set("ipc.client.connect.max.retries.on.timeouts", "1");
        user.set("hadoop.rpc.socket.factory.class.default", OwnIpcClient.class.getName());
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            fillBacklog(silent, queued);
            Storage.configure(user);
            String address = "127.0.0.1:" + silent.getLocalPort();
            String location = "hdfs://" + address + "/data/x.zip";
            InputException e = assertThrows(InputException.class, () -> Storage.read(location));
            assertEquals(location + ": cannot reach " + address + " (connection timed out)", e.getMessage());
        } finally {
            Storage.configure(new Configuration());
            for (Socket s : queued) {
                s.close();
            }
        }
    }

    /** Connects until a connection attempt times out: the socket's accept queue is full. */
    private static void fillBacklog(ServerSocket server, List<Socket> queued) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(server.getLocalSocketAddress(), 200);
                queued.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue of " + server + " never filled");
    }
}
