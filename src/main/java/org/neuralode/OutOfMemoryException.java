package org.neuralode;

/**
 * An {@link OutOfMemoryError} of a Spark task, rethrown as an ordinary exception so that Spark fails the task
 * (and the job) instead of exiting the executor's JVM, and the driver can report it in one line. Its message
 * says where memory ran out and the heap there.
 */
public class OutOfMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message where memory ran out, e.g. {@code "Java heap space in a Spark task, max heap 1.0 GiB"} */
    public OutOfMemoryException(String message) {
        super(message);
    }
}
