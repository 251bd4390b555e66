package io.strata.kubernetes.portforward;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A minimal RFC 6455 client over a plain socket, as kubectl's (gorilla) client behaves: the JDK's WebSocket client
 * refuses kubectl's subprotocol {@code SPDY/3.1+portforward.k8s.io} (not an RFC token) and will not let a caller set
 * the header itself. Binary messages only; frames are masked as a client must.
 */
final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final Map<String, String> responseHeaders;
    private final Random random = new Random(42);

    private RawWebSocket(Socket socket, Map<String, String> responseHeaders) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.responseHeaders = responseHeaders;
    }

    /** Upgrades {@code path} on 127.0.0.1:{@code port} offering {@code protocol}; binary messages go to sink. */
    static RawWebSocket connect(int port, String path, String protocol, Consumer<byte[]> sink) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(60_000);
        String key = Base64.getEncoder().encodeToString("strata-portforward".substring(0, 16).getBytes());
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Protocol: " + protocol + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        Map<String, String> headers = new LinkedHashMap<>();
        String status = line(in);
        headers.put(":status", status);
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        RawWebSocket ws = new RawWebSocket(socket, headers);
        if (status.contains(" 101 ")) {
            Thread.ofVirtual().start(() -> ws.readLoop(in, sink));
        }
        return ws;
    }

    /** A response header of the upgrade (lowercase name), or {@code :status} for the status line. */
    String header(String name) {
        return responseHeaders.get(name);
    }

    /** Sends one binary message. */
    synchronized void sendBinary(byte[] data, int offset, int length) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x82);
        if (length < 126) {
            frame.write(0x80 | length);
        } else {
            frame.write(0x80 | 126);
            frame.write(length >>> 8);
            frame.write(length);
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < length; i++) {
            frame.write(data[offset + i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private void readLoop(DataInputStream in, Consumer<byte[]> sink) {
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0F;
                if (opcode == 8) {
                    return;
                }
                if (opcode == 2 || opcode == 0) {
                    sink.accept(payload);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
