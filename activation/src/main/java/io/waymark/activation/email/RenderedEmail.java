package io.waymark.activation.email;

/**
 * One email ready for SMTP.
 *
 * @param to             the recipient's address
 * @param subject        one line
 * @param html           the HTML part, links rewritten through the click route, the open pixel at the end
 * @param text           the plain-text part, links rewritten too
 * @param unsubscribeUrl the one-click unsubscribe URL (also the {@code List-Unsubscribe} header)
 */
record RenderedEmail(String to, String subject, String html, String text, String unsubscribeUrl) {
}
