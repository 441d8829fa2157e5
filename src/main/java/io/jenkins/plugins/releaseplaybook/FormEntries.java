package io.jenkins.plugins.releaseplaybook;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;

/**
 * The entries of a repeatable form section ({@code f:repeatableProperty}, {@code f:repeatable}) as Stapler submits
 * them: one entry is a JSON object, several an array of objects, none nothing at all.
 */
public final class FormEntries {
    private FormEntries() {}

    /** The submitted objects in form order; empty when there are none (anything else submitted is ignored). */
    public static List<JSONObject> of(@CheckForNull Object entries) {
        List<JSONObject> objects = new ArrayList<>();
        if (entries instanceof JSONObject single) {
            objects.add(single);
        } else if (entries instanceof JSONArray array) {
            for (Object entry : array) {
                if (entry instanceof JSONObject object) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }
}
