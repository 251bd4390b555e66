package io.strata.kubernetes.spdy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class SpdyCodecTest {

    @Test
    void dictionary_matchesSpdy3LengthAndChecksum() {
        byte[] d = SpdyDictionary.bytes();
        Adler32 adler = new Adler32();
        adler.update(d);
        assertThat(d).hasSize(1423);
        assertThat(adler.getValue()).isEqualTo(0xe3c6a7c2L);
    }

    @Test
    void roundTrip_everyFrameType_decodesEqual() {
        List<SpdyFrame> frames = List.of(
                new SpdyFrame.SynStream(1, 0, 0, 0, headers("streamtype", "error", "port", "80", "requestid", "0")),
                new SpdyFrame.SynReply(1, SpdyFrame.FLAG_FIN, Map.of()),
                new SpdyFrame.RstStream(3, SpdyFrame.RST_CANCEL),
                new SpdyFrame.Settings(0, List.of(new SpdyFrame.Setting(1, 7, 65536))),
                new SpdyFrame.Ping(1),
                new SpdyFrame.GoAway(5, SpdyFrame.GOAWAY_OK),
                new SpdyFrame.Headers(3, 0, headers("x", "y")),
                new SpdyFrame.WindowUpdate(3, 1024));
        try (SpdyWriter writer = new SpdyWriter(); SpdyReader reader = new SpdyReader()) {
            for (SpdyFrame f : frames) {
                assertThat(reader.feed(writer.write(f))).containsExactly(f);
            }
        }
    }

    @Test
    void roundTrip_dataFrame_keepsBytesAndFin() {
        byte[] payload = "GET / HTTP/1.1\r\n\r\n".getBytes();
        try (SpdyWriter writer = new SpdyWriter(); SpdyReader reader = new SpdyReader()) {
            List<SpdyFrame> out = reader.feed(writer.write(new SpdyFrame.Data(3, SpdyFrame.FLAG_FIN, payload)));
            assertThat(out).hasSize(1);
            SpdyFrame.Data d = (SpdyFrame.Data) out.get(0);
            assertThat(d.streamId()).isEqualTo(3);
            assertThat(d.fin()).isTrue();
            assertThat(d.data()).isEqualTo(payload);
        }
    }

    @Test
    void headerBlocks_manyFramesOfOneZlibStream_eachDecodes() {
        // later blocks refer back to earlier ones (the same names), so they decode only in one shared stream
        try (SpdyWriter writer = new SpdyWriter(); SpdyReader reader = new SpdyReader()) {
            byte[] first = null;
            byte[] fifth = null;
            for (int i = 0; i < 20; i++) {
                Map<String, String> h = headers("streamtype", i % 2 == 0 ? "error" : "data", "port", "8080",
                        "requestid", Integer.toString(i / 2));
                byte[] bytes = writer.write(new SpdyFrame.SynStream(2 * i + 1, 0, 0, 0, h));
                if (i == 0) {
                    first = bytes;
                } else if (i == 4) {
                    fifth = bytes;
                }
                assertThat(reader.feed(bytes)).containsExactly(new SpdyFrame.SynStream(2 * i + 1, 0, 0, 0, h));
            }
            assertThat(fifth.length).isLessThan(first.length);
        }
    }

    @Test
    void headerBlock_fromAnotherDeflaterWithTheDictionary_decodes() {
        // an independent encoder (what kubectl's zlib writer does): the spec's layout, level 9, SYNC_FLUSH
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        int[] ints = {2};
        plain.writeBytes(new byte[] {0, 0, 0, (byte) ints[0]});
        for (String s : List.of("streamtype", "data", "port", "80")) {
            plain.writeBytes(new byte[] {0, 0, 0, (byte) s.length()});
            plain.writeBytes(s.getBytes());
        }
        Deflater deflater = new Deflater(9);
        deflater.setDictionary(SpdyDictionary.bytes());
        deflater.setInput(plain.toByteArray());
        byte[] buffer = new byte[1024];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        deflater.end();
        byte[] frame = new byte[8 + 10 + n];
        frame[0] = (byte) 0x80;
        frame[1] = 3;
        frame[3] = 1;
        frame[7] = (byte) (10 + n);
        frame[11] = 3;
        System.arraycopy(buffer, 0, frame, 18, n);
        try (SpdyReader reader = new SpdyReader()) {
            assertThat(reader.feed(frame)).containsExactly(
                    new SpdyFrame.SynStream(3, 0, 0, 0, headers("streamtype", "data", "port", "80")));
        }
    }

    @Test
    void feed_bytesSplitAtRandom_yieldsTheSameFrames() {
        long seed = System.nanoTime();
        System.out.println("SpdyCodecTest seed " + seed);
        Random random = new Random(seed);
        List<SpdyFrame> sent = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (SpdyWriter writer = new SpdyWriter(); SpdyReader reader = new SpdyReader()) {
            for (int i = 0; i < 50; i++) {
                SpdyFrame f = i % 3 == 0 ? new SpdyFrame.SynStream(2 * i + 1, 0, 0, 0, headers("requestid", "" + i))
                        : i % 3 == 1 ? new SpdyFrame.Ping(i) : new SpdyFrame.RstStream(2 * i + 1, 5);
                sent.add(f);
                wire.writeBytes(writer.write(f));
            }
            byte[] all = wire.toByteArray();
            List<SpdyFrame> got = new ArrayList<>();
            int at = 0;
            while (at < all.length) {
                int n = Math.min(all.length - at, 1 + random.nextInt(9));
                got.addAll(reader.feed(all, at, n));
                at += n;
            }
            assertThat(got).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void feed_wrongVersion_throwsProtocolError() {
        byte[] frame = {(byte) 0x80, 2, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1};
        try (SpdyReader reader = new SpdyReader()) {
            assertThatThrownBy(() -> reader.feed(frame)).isInstanceOf(SpdyProtocolException.class)
                    .hasMessageContaining("version 2");
        }
    }

    @Test
    void feed_corruptHeaderBlock_throwsProtocolError() {
        byte[] frame = {(byte) 0x80, 3, 0, 2, 0, 0, 0, 8, 0, 0, 0, 1, 1, 2, 3, 4};
        try (SpdyReader reader = new SpdyReader()) {
            assertThatThrownBy(() -> reader.feed(frame)).isInstanceOf(SpdyProtocolException.class);
        }
    }

    @Test
    void feed_unknownControlType_isSkipped() {
        byte[] frames = {(byte) 0x80, 3, 0, 10, 0, 0, 0, 2, 9, 9, (byte) 0x80, 3, 0, 6, 0, 0, 0, 4, 0, 0, 0, 7};
        try (SpdyReader reader = new SpdyReader()) {
            assertThat(reader.feed(frames)).containsExactly(new SpdyFrame.Ping(7));
        }
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
