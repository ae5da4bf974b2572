package dev.orderengine.adapter.out.dataplatform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of {@link KafkaBroker}'s child JVM: formats the storage on the first start (KRaft needs a cluster id
 * in every log directory before it runs), then runs Kafka in the same JVM. It ends when its parent closes its standard
 * input or dies, so a test JVM that crashes leaves no broker behind.
 *
 * <p>Arguments: the server properties file, the cluster id, the metadata log directory.
 */
public final class KafkaBrokerProcess {

    private KafkaBrokerProcess() {
    }

    public static void main(String[] args) {
        String config = args[0];
        followTheParent();
        if (!Files.exists(Path.of(args[2], "meta.properties"))) {
            int status = kafka.tools.StorageTool.execute(new String[] {"format", "--cluster-id", args[1], "--config", config}, System.out);
            if (status != 0) {
                System.exit(status);
            }
        }
        kafka.Kafka.main(new String[] {config});
    }

    /** Exits (running Kafka's shutdown hook) once standard input ends: the parent closed it or is gone. */
    private static void followTheParent() {
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            try (InputStream parent = System.in) {
                parent.transferTo(OutputStream.nullOutputStream());
            } catch (IOException lost) {
                System.err.println("standard input failed, taken as the parent gone: " + lost);
            }
            System.exit(0);
        });
    }
}
