package io.waymark.activation.email;

import io.waymark.activation.Channel;
import io.waymark.activation.ChannelsConfig;
import io.waymark.activation.Delivery;
import io.waymark.activation.OutboundMessage;
import io.waymark.activation.RecommendationSource;
import io.waymark.activation.link.TrackingLinks;
import com.samskivert.mustache.MustacheException;
import io.waymark.core.Digests;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Email over SMTP (Jakarta Mail, Eclipse Angus). Settings it reads: {@code template} (a shipped template name,
 * required), {@code subject} (overrides the template's, Mustache), {@code recommendations} (how many, default 4; 0 for
 * none); templates read every setting as {@code settings.*} ({@code offer}, {@code offerCode}, {@code cartUrl}, …).
 *
 * <p>Outcomes: no {@code traits.email} or {@code traits.unsubscribed = true} → SUPPRESSED; an unknown template or an
 * invalid address → FAILED; the relay accepted → SENT; a 4xx reply (RFC 5321 §4.2.1: transient negative
 * completion), a refused connection, a timeout or failed authentication (the operator may fix it) → RETRY; a 5xx
 * reply (permanent) → FAILED. The {@code Message-ID} is derived from the idempotency key, so a retried send that did
 * reach the relay carries the same id and receivers and the relay's duplicate suppression see one message.
 */
public final class EmailChannel implements Channel {
    private final ChannelsConfig.Smtp smtp;
    private final Session session;
    private final InternetAddress from;
    private final EmailComposer composer;
    private final Clock clock;

    public EmailChannel(ChannelsConfig.Smtp smtp, TrackingLinks links, RecommendationSource recommendations, Clock clock) {
        this.smtp = smtp;
        this.session = Session.getInstance(properties(smtp, URI.create(links.publicBaseUrl()).getHost()));
        try {
            this.from = new InternetAddress(smtp.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("smtp.from", e);
        }
        this.composer = new EmailComposer(new EmailTemplates(), links, recommendations);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "email";
    }

    /** See {@link io.waymark.activation.Channels#validate}. */
    public void validate(Map<String, Object> settings, String path) {
        composer.validate(settings, path);
    }

    @Override
    public Delivery deliver(OutboundMessage message) {
        RenderedEmail email;
        try {
            email = composer.compose(message);
        } catch (EmailComposer.Refusal r) {
            return new Delivery(r.suppress ? Delivery.Outcome.SUPPRESSED : Delivery.Outcome.FAILED, r.getMessage());
        } catch (MustacheException e) {
            return new Delivery(Delivery.Outcome.FAILED, "template error: " + e.getMessage());
        }
        MimeMessage mime;
        try {
            mime = mime(email, messageId(message.idempotencyKey()));
        } catch (AddressException e) {
            return new Delivery(Delivery.Outcome.FAILED, "invalid recipient address");
        } catch (MessagingException e) {
            return new Delivery(Delivery.Outcome.FAILED, "cannot build the message: " + e.getMessage());
        }
        return send(mime);
    }

    private Delivery send(MimeMessage mime) {
        String protocol = smtp.tls() == ChannelsConfig.TlsMode.SMTPS ? "smtps" : "smtp";
        try (Transport t = session.getTransport(protocol)) {
            t.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
            t.sendMessage(mime, mime.getAllRecipients());
            return Delivery.sent(t instanceof SMTPTransport ? ((SMTPTransport) t).getLastServerResponse() : "sent");
        } catch (AuthenticationFailedException e) {
            return Delivery.retry("SMTP authentication failed");
        } catch (MessagingException e) {
            return outcome(e);
        }
    }

    /** The SMTP reply code decides: 4xx is transient, 5xx permanent; no reply at all (connection, timeout) is transient. */
    static Delivery outcome(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException ? ((MessagingException) x).getNextException() : null) {
            int code = replyCode(x);
            if (code >= 500) {
                return new Delivery(Delivery.Outcome.FAILED, "SMTP " + code + ": " + firstLine(x));
            }
            if (code >= 400) {
                return Delivery.retry("SMTP " + code + ": " + firstLine(x));
            }
        }
        return Delivery.retry("SMTP unavailable: " + firstLine(e));
    }

    private static int replyCode(Exception x) {
        if (x instanceof SMTPSendFailedException) {
            return ((SMTPSendFailedException) x).getReturnCode();
        }
        if (x instanceof SMTPAddressFailedException) {
            return ((SMTPAddressFailedException) x).getReturnCode();
        }
        if (x instanceof SMTPSenderFailedException) {
            return ((SMTPSenderFailedException) x).getReturnCode();
        }
        return -1;
    }

    /** Server replies may echo the recipient address; only the first line (code and reason) is kept, cut short. */
    private static String firstLine(Exception x) {
        String s = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage().strip().lines().findFirst().orElse("");
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    private MimeMessage mime(RenderedEmail email, String messageId) throws MessagingException {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to(), true));
        m.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(clock.instant()));
        // RFC 2369 (List-Unsubscribe) + RFC 8058 (one-click: the receiver's provider POSTs this body to the URL)
        m.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
        // RFC 2046 §5.1.4: alternatives in increasing order of preference, plain text first
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    /** {@code <hex(sha256(key))[0..32]@domain-of-from>}: stable for the key, and no personal data in it. */
    String messageId(String idempotencyKey) {
        String address = from.getAddress();
        return "<" + Digests.sha256Hex(idempotencyKey, 16) + "@" + address.substring(address.indexOf('@') + 1) + ">";
    }

    /** @param heloName this server's public name, for EHLO (else Jakarta Mail looks up the local host name on every send) */
    private static Properties properties(ChannelsConfig.Smtp smtp, String heloName) {
        String p = smtp.tls() == ChannelsConfig.TlsMode.SMTPS ? "mail.smtps." : "mail.smtp.";
        String millis = Long.toString(smtp.timeout().toMillis());
        Properties props = new Properties();
        props.setProperty(p + "host", smtp.host());
        props.setProperty(p + "port", Integer.toString(smtp.port()));
        props.setProperty(p + "connectiontimeout", millis);
        props.setProperty(p + "timeout", millis);
        props.setProperty(p + "writetimeout", millis);
        props.setProperty(p + "localhost", heloName);
        props.setProperty(p + "auth", Boolean.toString(smtp.username() != null));
        if (smtp.tls() == ChannelsConfig.TlsMode.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true"); // never fall back to plain text
        }
        props.setProperty(p + "ssl.checkserveridentity", "true");
        return props;
    }
}
