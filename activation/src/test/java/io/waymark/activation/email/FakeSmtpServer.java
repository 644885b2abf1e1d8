package io.waymark.activation.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A relay that answers RCPT TO with a fixed reply (e.g. 451 or 550), for the reply codes GreenMail does not produce.
 * Speaks just enough RFC 5321 for Jakarta Mail: greeting, EHLO, MAIL, RCPT, RSET, QUIT.
 */
final class FakeSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;

    FakeSmtpServer(String rcptReply) throws IOException {
        socket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    converse(s, rcptReply);
                } catch (IOException e) {
                    // closed
                }
            }
        }, "fake-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private static void converse(Socket s, String rcptReply) throws IOException {
        var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        reply(out, "220 fake.test ESMTP");
        for (String line; (line = in.readLine()) != null; ) {
            String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (cmd) {
                case "EHLO", "HELO" -> reply(out, "250 fake.test");
                case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                case "RCPT" -> reply(out, rcptReply);
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
