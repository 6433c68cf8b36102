package dev.roster.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.allOf;

/**
 * The admin console's static files as Quarkus serves them (real HTTP): the page's structure, the
 * content types of its modules and stylesheet, and that every {@code /api/v1} path the JavaScript
 * calls exists in the OpenAPI document with the HTTP method the console uses.
 */
@QuarkusTest
class ConsoleTest {

    /**
     * Endpoints of features built on other branches (directory sync, usage reports, spend limits): the
     * console hides what they drive when the server answers 404, so they may be missing from the
     * OpenAPI document; when present, they are checked like every other path.
     */
    private static final Set<String> MAY_NOT_EXIST_YET = Set.of(
            "/api/v1/orgs/{}/directory-sync",
            "/api/v1/orgs/{}/directory-sync/runs",
            "/api/v1/orgs/{}/directory-sync/runs/{}",
            "/api/v1/orgs/{}/usage/by-group",
            "/api/v1/orgs/{}/groups/{}/spend-limit");

    /** A /api/v1 path in a JS string: literal segments or ${…} placeholders, up to a quote, backtick or '?'. */
    private static final Pattern API_PATH = Pattern.compile("/api/v1(?:/(?:[A-Za-z0-9_.-]+|\\$\\{[^}`]*}))+");

    /** A call of the console's API client: api.get(`/api/v1/…`), api.post('…', body), … */
    private static final Pattern API_CALL = Pattern.compile("\\bapi\\.(get|post|put|patch|del)\\(\\s*[`'\"](/api/v1[^`'\"?]*)");

    private static final Pattern RELATIVE_IMPORT = Pattern.compile("(?m)^\\s*import\\s[^;]*?from\\s+'(\\./[A-Za-z0-9_-]+\\.js)'");

    @Test
    void consoleIsServedAtItsPathAndTheBarePathRedirects() {
        given().redirects().follow(false).get("/console").then()
                .statusCode(302)
                .header("Location", "console/");
        given().get("/console/").then()
                .statusCode(200)
                .contentType(containsString("text/html"));
    }

    @Test
    void pageHasTheTitleTabsSignInFormAndAssetLinks() {
        String html = given().get("/console/").then().statusCode(200).extract().asString();
        XmlPath page = new XmlPath(XmlPath.CompatibilityMode.HTML, html);

        assertThat(page.getString("html.head.title"), equalTo("Roster admin console"));
        assertThat(page.getString("html.head.script.find { it.@type == 'module' }.@src"), equalTo("console.js"));
        assertThat(page.getString("html.head.link.find { it.@rel == 'stylesheet' }.@href"), equalTo("console.css"));
        assertThat(page.getString("html.head.meta.find { it.@'http-equiv' == 'Content-Security-Policy' }.@content"),
                allOf(containsString("default-src 'none'"), containsString("script-src 'self'"),
                        containsString("connect-src 'self'"), containsString("form-action 'none'")));

        List<String> tabs = page.getList("**.findAll { it.@role == 'tab' }.@id", String.class);
        assertThat(tabs, contains("tab-groups", "tab-roles", "tab-members", "tab-features", "tab-usage"));
        assertThat(page.getList("**.findAll { it.@role == 'tab' }", String.class),
                contains("Groups", "Custom roles", "Members", "Features", "Usage: by group"));
        assertThat(page.getList("**.findAll { it.@role == 'tabpanel' }.@id", String.class),
                contains("panel-groups", "panel-roles", "panel-members", "panel-features", "panel-usage"));
        assertThat(page.getString("**.find { it.@role == 'tablist' }.@aria-label"), equalTo("Organization settings"));

        // the sign-in form: a labelled textarea for the JWT, the hint, an alert for errors, a submit button
        assertThat(page.getString("**.find { it.@id == 'sign-in-form' }.name()"), equalTo("form"));
        assertThat(page.getString("**.find { it.name() == 'label' && it.@for == 'token' }"), equalTo("Admin JWT"));
        assertThat(page.getString("**.find { it.@id == 'token' }.name()"), equalTo("textarea"));
        assertThat(page.getString("**.find { it.@id == 'token-hint' }"), containsString("bootstrap-admin.jwt"));
        assertThat(page.getString("**.find { it.@id == 'sign-in-error' }.@role"), equalTo("alert"));
        assertThat(page.getString("**.find { it.@id == 'sign-in-form' }.button.@type"), equalTo("submit"));
        assertThat(page.getString("**.find { it.@id == 'sign-out' }"), equalTo("Sign out"));
    }

    @Test
    void scriptsAndStylesheetAreServedWithTheirContentTypes() {
        given().get("/console/console.css").then()
                .statusCode(200)
                .contentType(containsString("text/css"))
                .body(containsString("[role=tab]"));
        Map<String, String> modules = modules();
        assertThat(modules.keySet(), hasItems("console.js", "api.js", "dom.js", "ui.js", "groups.js", "roles.js",
                "members.js", "features.js", "usage.js"));
        for (String module : modules.keySet()) {
            given().get("/console/" + module).then()
                    .statusCode(200)
                    .contentType(matchesPattern("(text|application)/javascript.*"));
        }
    }

    @Test
    void javascriptCallsOnlyApiPathsAndMethodsOfTheOpenApiDocument() {
        Map<String, Set<String>> documented = openApiPaths();
        String js = withoutComments(String.join("\n", modules().values()));

        Set<String> used = new TreeSet<>();
        Matcher paths = API_PATH.matcher(js);
        while (paths.find()) {
            used.add(template(paths.group()));
        }
        assertThat(used, hasItems("/api/v1/me", "/api/v1/orgs/{}", "/api/v1/orgs/{}/groups",
                "/api/v1/orgs/{}/groups/{}", "/api/v1/orgs/{}/groups/{}/members", "/api/v1/orgs/{}/groups/{}/members/{}",
                "/api/v1/orgs/{}/custom-roles", "/api/v1/orgs/{}/custom-roles/{}", "/api/v1/orgs/{}/permissions",
                "/api/v1/orgs/{}/members", "/api/v1/orgs/{}/members/{}", "/api/v1/orgs/{}/members/{}/access",
                "/api/v1/orgs/{}/features", "/api/v1/orgs/{}/features/{}", "/api/v1/orgs/{}/features/{}/preview"));
        assertThat(used, hasItems(MAY_NOT_EXIST_YET.toArray(String[]::new)));
        for (String path : used) {
            if (!documented.containsKey(path) && MAY_NOT_EXIST_YET.contains(path)) {
                continue;
            }
            assertThat("the console calls " + path, documented, hasKey(path));
        }

        Set<String> calls = new LinkedHashSet<>();
        Matcher call = API_CALL.matcher(js);
        while (call.find()) {
            String method = call.group(1).equals("del") ? "delete" : call.group(1);
            String path = template(call.group(2));
            calls.add(method + " " + path);
            if (!documented.containsKey(path) && MAY_NOT_EXIST_YET.contains(path)) {
                continue;
            }
            assertThat(method.toUpperCase(Locale.ROOT) + " " + path, documented.get(path), hasItem(method));
        }
        assertThat(calls, hasItems("get /api/v1/me", "post /api/v1/orgs/{}/groups", "patch /api/v1/orgs/{}/groups/{}",
                "delete /api/v1/orgs/{}/groups/{}", "post /api/v1/orgs/{}/groups/{}/members",
                "delete /api/v1/orgs/{}/groups/{}/members/{}", "patch /api/v1/orgs/{}/members/{}",
                "put /api/v1/orgs/{}/features/{}", "post /api/v1/orgs/{}/custom-roles",
                "patch /api/v1/orgs/{}/custom-roles/{}", "post /api/v1/orgs/{}/directory-sync/runs",
                "put /api/v1/orgs/{}/groups/{}/spend-limit"));
    }

    @Test
    void javascriptNeverParsesMarkup() {
        List<String> sinks = List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "createContextualFragment", "DOMParser", "localStorage");
        modules().forEach((name, source) -> sinks.forEach(sink ->
                assertThat(name + " must not use " + sink, source, not(containsString(sink)))));
    }

    @Test
    void theApiRefusesAnonymousCallsWithAProblemDocumentTheConsoleCanShow() {
        // what the sign-in form shows for a bad token: the problem's detail
        given().auth().oauth2("not.a.jwt").get("/api/v1/me").then()
                .statusCode(401)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("unauthorized"))
                .body("detail", not(emptyOrNullString()));
    }

    /** console.js and every module it imports, transitively, as served: file name → source. */
    private static Map<String, String> modules() {
        Map<String, String> sources = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>(List.of("console.js"));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (sources.containsKey(name)) {
                continue;
            }
            String source = given().get("/console/" + name).then().statusCode(200).extract().asString();
            sources.put(name, source);
            Matcher imports = RELATIVE_IMPORT.matcher(source);
            while (imports.find()) {
                pending.add(imports.group(1).substring(2));
            }
        }
        return sources;
    }

    /** The code without its comments (whole-line // comments and block comments), so prose is not taken for calls. */
    private static String withoutComments(String js) {
        return js.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }

    /** The OpenAPI document's paths as templates ({x} → {}), each with its lower-case methods. */
    private static Map<String, Set<String>> openApiPaths() {
        Response response = given().accept("application/json").get("/q/openapi?format=json");
        response.then().statusCode(200);
        Map<String, Map<String, Object>> paths = response.jsonPath().getMap("paths");
        Map<String, Set<String>> templates = new LinkedHashMap<>();
        paths.forEach((path, item) -> templates.computeIfAbsent(template(path), p -> new TreeSet<>()).addAll(item.keySet()));
        return templates;
    }

    /** Replaces OpenAPI parameters ({id}) and JS placeholders (${enc(id)}) with {}. */
    private static String template(String path) {
        return path.replaceAll("\\$\\{[^}]*}", "{}").replaceAll("\\{[^}]*}", "{}");
    }
}
