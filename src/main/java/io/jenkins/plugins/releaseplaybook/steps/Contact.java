package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleasePlanSpec;
import java.io.Serializable;
import java.math.BigDecimal;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One entry of {@code releasePlan(contacts: [...])}: someone to reach during the release
 * ({@code [name: 'Li Lei', role: 'DBA on call', phone: '+86 10 1234 5678', mail: 'li@example.com', im: '@lilei']}).
 * The values are kept as written and validated by the engine when the step runs ({@link ReleasePlanSpec}), so that a
 * mistake is reported with the entry's number, together with every other problem of the plan.
 *
 * <p>No {@code @Symbol}: the Pipeline and the Snippet Generator write the entries as plain maps. Serializable
 * because the step execution keeps the plan.
 */
public final class Contact implements Describable<Contact>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private String role;
    private String phone;
    private String mail;
    private String im;

    @DataBoundConstructor
    public Contact(@CheckForNull String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    @CheckForNull
    public String getName() {
        return name;
    }

    @CheckForNull
    public String getRole() {
        return role;
    }

    @DataBoundSetter
    public void setRole(@CheckForNull String role) {
        this.role = Util.fixEmptyAndTrim(role);
    }

    @CheckForNull
    public String getPhone() {
        return phone;
    }

    /**
     * A text or a number: structs hands a {@code String} property nothing but strings, and {@code phone: 13800138000}
     * is a Groovy {@code Long}, so the setter takes {@code Object} and keeps the digits as text.
     */
    @DataBoundSetter
    public void setPhone(@CheckForNull Object phone) {
        String text;
        if (phone instanceof BigDecimal decimal) {
            text = decimal.toPlainString();
        } else {
            text = phone == null ? null : phone.toString();
        }
        this.phone = Util.fixEmptyAndTrim(text);
    }

    @CheckForNull
    public String getMail() {
        return mail;
    }

    @DataBoundSetter
    public void setMail(@CheckForNull String mail) {
        this.mail = Util.fixEmptyAndTrim(mail);
    }

    /** An instant-messaging handle (DingTalk, WeCom, Feishu, Slack ...). */
    @CheckForNull
    public String getIm() {
        return im;
    }

    @DataBoundSetter
    public void setIm(@CheckForNull String im) {
        this.im = Util.fixEmptyAndTrim(im);
    }

    /** The entry for the engine, unvalidated. */
    ReleasePlanSpec.ContactSpec toSpec() {
        return new ReleasePlanSpec.ContactSpec(name, role, phone, mail, im);
    }

    @Override
    public String toString() {
        return "Contact[" + name + "]";
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<Contact> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Contact_DisplayName();
        }

        /** One entry of the Snippet Generator's repeatable block. */
        static Contact fromForm(JSONObject form) {
            Contact contact = new Contact(form.optString("name"));
            contact.setRole(form.optString("role"));
            contact.setPhone(form.optString("phone"));
            contact.setMail(form.optString("mail"));
            contact.setIm(form.optString("im"));
            return contact;
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.EXTENDED_READ, item)) {
                return FormValidation.ok();
            }
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.Contact_NameRequired())
                    : FormValidation.ok();
        }
    }
}
