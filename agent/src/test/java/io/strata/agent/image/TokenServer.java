package io.strata.agent.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token server for docker-registry's {@code auth: token} mode on 127.0.0.1: it checks a basic-auth login and
 * answers {@code {"token": <JWT>}} granting pull on the asked repository, signed RS256 with a key whose self-signed
 * certificate (made with openssl) is the registry's {@code rootcertbundle} and travels in the JWT's {@code x5c}.
 */
final class TokenServer implements AutoCloseable {
    static final String SERVICE = "strata-registry";
    static final String ISSUER = "strata-test-issuer";
    private final HttpServer server;
    private final PrivateKey key;
    private final String certificateDer;
    final Path certificate;
    final AtomicInteger grants = new AtomicInteger();

    private TokenServer(Path dir, String expectedAuthorization) throws IOException, InterruptedException {
        Path keyFile = dir.resolve("token-key.pem");
        certificate = dir.resolve("token-cert.pem");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Process openssl = new ProcessBuilder("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", keyFile.toString(), "-out", certificate.toString(), "-subj", "/CN=strata-token", "-days", "1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl could not make the token certificate");
        }
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(keyFile)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the token key", e);
        }
        certificateDer = Base64.getEncoder().encodeToString(pem(certificate));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] body;
            int status;
            if (expectedAuthorization.equals(authorization)) {
                grants.incrementAndGet();
                String token = token(repository(query == null ? "" : query));
                body = ("{\"token\": \"" + token + "\", \"expires_in\": 300}").getBytes(StandardCharsets.UTF_8);
                status = 200;
            } else {
                body = "{\"details\": \"bad login\"}".getBytes(StandardCharsets.UTF_8);
                status = 401;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Starts a server accepting {@code user:password}. */
    static TokenServer start(Path dir, String user, String password) throws IOException, InterruptedException {
        return new TokenServer(dir, "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** The realm URL the registry sends clients to. */
    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    private static String repository(String query) {
        for (String pair : query.split("&")) {
            String decoded = URLDecoder.decode(pair, StandardCharsets.UTF_8);
            if (decoded.startsWith("scope=repository:")) {
                String scope = decoded.substring("scope=repository:".length());
                return scope.substring(0, scope.lastIndexOf(':'));
            }
        }
        return "";
    }

    private String token(String repository) {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + certificateDer + "\"]}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"alice\",\"aud\":\"" + SERVICE + "\",\"exp\":" + (now + 300)
                + ",\"nbf\":" + (now - 30) + ",\"iat\":" + (now - 30) + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"access\":[{\"type\":\"repository\",\"name\":\"" + repository + "\",\"actions\":[\"pull\"]}]}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] pem(Path file) throws IOException {
        String text = Files.readString(file);
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
