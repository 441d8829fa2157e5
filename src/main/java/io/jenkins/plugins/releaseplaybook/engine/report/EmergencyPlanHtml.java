package io.jenkins.plugins.releaseplaybook.engine.report;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The emergency plan in the report header: contacts as a small table, then triggers, the rollback plan in words and
 * where notifications go. Everything is escaped; a mail address becomes a {@code mailto:} link only when it is a plain
 * address, a phone number a {@code tel:} link only when it is digits, {@code +} and spaces, so no typed value can
 * smuggle another scheme or a header ({@code ?cc=}) into a link.
 */
final class EmergencyPlanHtml {
    /** A bare address: no display name, no query, no spaces; the characters of ordinary addresses only. */
    private static final Pattern PLAIN_MAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    /** Digits and spaces, an optional leading {@code +}. */
    private static final Pattern DIALABLE = Pattern.compile("\\+?[0-9 ]+");
    /** Fewer digits are an extension or a typo, not something to dial. */
    private static final int MIN_DIGITS = 3;

    private EmergencyPlanHtml() {}

    /** The plan as a block of the header; "" when nothing was declared. */
    static String render(EmergencyPlan plan, ReportLabels labels) {
        if (plan == null || plan.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<div class=\"rp-emergency\"><h3>")
                .append(Html.esc(labels.get("emergency.title"))).append("</h3>");
        if (!plan.contacts().isEmpty()) {
            HtmlTable table = new HtmlTable("rp-contacts", List.of(labels.get("emergency.col.name"),
                    labels.get("emergency.col.role"), labels.get("emergency.col.phone"),
                    labels.get("emergency.col.mail"), labels.get("emergency.col.im")));
            for (EmergencyPlan.Contact contact : plan.contacts()) {
                table.row(Html.esc(contact.name()), Html.orDash(contact.role()), phone(contact.phone()),
                        mail(contact.mail()), Html.orDash(contact.im()));
            }
            html.append("<h4>").append(Html.esc(labels.get("emergency.contacts"))).append("</h4>").append(table.render());
        }
        listBlock(html, labels.get("emergency.triggers"), plan.triggers());
        if (plan.rollbackPlan() != null && !plan.rollbackPlan().isBlank()) {
            // Line breaks kept by the stylesheet (white-space: pre-line), not by <br>: the text stays one escaped value.
            html.append("<h4>").append(Html.esc(labels.get("emergency.rollbackPlan")))
                    .append("</h4><p class=\"rp-rollback-plan\">").append(Html.esc(plan.rollbackPlan())).append("</p>");
        }
        listBlock(html, labels.get("emergency.notify"), plan.notifyTo());
        return html.append("</div>").toString();
    }

    private static void listBlock(StringBuilder html, String heading, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        html.append("<h4>").append(Html.esc(heading)).append("</h4>").append(items.stream()
                .map(i -> "<li>" + Html.esc(i) + "</li>")
                .collect(Collectors.joining("", "<ul class=\"rp-list\">", "</ul>")));
    }

    static String mail(String mail) {
        if (mail == null) {
            return Html.orDash(null);
        }
        String address = mail.trim();
        return isPlainMail(address)
                ? "<a href=\"mailto:" + Html.esc(address) + "\">" + Html.esc(address) + "</a>"
                : Html.esc(mail);
    }

    static String phone(String phone) {
        if (phone == null) {
            return Html.orDash(null);
        }
        String number = phone.trim();
        return isDialable(number)
                ? "<a href=\"tel:" + Html.esc(number.replace(" ", "")) + "\">" + Html.esc(number) + "</a>"
                : Html.esc(phone);
    }

    static boolean isPlainMail(String text) {
        return text != null && PLAIN_MAIL.matcher(text).matches();
    }

    static boolean isDialable(String text) {
        return text != null && DIALABLE.matcher(text).matches()
                && text.chars().filter(Character::isDigit).count() >= MIN_DIGITS;
    }
}
