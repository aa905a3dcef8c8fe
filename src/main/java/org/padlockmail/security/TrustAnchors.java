package org.padlockmail.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The certificate authorities a chain may lead to: the system's trust store plus CAs the user imported. */
public final class TrustAnchors {

    private final Set<TrustAnchor> anchors;

    private TrustAnchors(Set<TrustAnchor> anchors) {
        this.anchors = Set.copyOf(anchors);
    }

    /** The Java runtime's trust store (on Linux distributions, the system's CA bundle). */
    public static TrustAnchors system() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            Set<TrustAnchor> anchors = new HashSet<>();
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        anchors.add(new TrustAnchor(ca, null));
                    }
                }
            }
            return new TrustAnchors(anchors);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the system trust store cannot be read", e);
        }
    }

    /** Only these CAs; for tests and for users who trust nothing but their own CA. */
    public static TrustAnchors of(List<X509Certificate> cas) {
        return new TrustAnchors(new HashSet<>()).plus(cas);
    }

    public TrustAnchors plus(List<X509Certificate> cas) {
        Set<TrustAnchor> all = new HashSet<>(anchors);
        cas.forEach(ca -> all.add(new TrustAnchor(ca, null)));
        return new TrustAnchors(all);
    }

    public static List<X509Certificate> readPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            factory.generateCertificates(in).forEach(c -> certificates.add((X509Certificate) c));
            if (certificates.isEmpty()) {
                throw new IOException(file + " contains no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IOException(file + " is not a readable PEM certificate file: " + e.getMessage(), e);
        }
    }

    /**
     * Builds a path from the leaf to one of the anchors, using the other presented certificates as
     * intermediates in any order, as of {@code at}; revocation is not checked (mail clients cannot rely on it).
     *
     * @return the anchor's certificate, or empty when no path exists
     */
    public Optional<X509Certificate> anchorFor(List<X509Certificate> chain, Instant at) {
        if (anchors.isEmpty() || chain.isEmpty()) {
            return Optional.empty();
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(chain.get(0));
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            var result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            return Optional.of(result.getTrustAnchor().getTrustedCert());
        } catch (CertPathBuilderException e) {
            return Optional.empty();
        } catch (InvalidAlgorithmParameterException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX is part of every Java runtime", e);
        }
    }

    public int size() {
        return anchors.size();
    }
}
