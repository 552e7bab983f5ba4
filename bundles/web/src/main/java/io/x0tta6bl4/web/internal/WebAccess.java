package io.x0tta6bl4.web.internal;

import java.security.Principal;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.servlet.http.HttpServletRequest;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what: checks HTTP Basic credentials against a Karaf JAAS realm and the user's roles
 * against the configured write and read roles. Holds the bundle's configuration.
 */
@Component(service = WebAccess.class, configurationPid = WebConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WebConfiguration.class)
public class WebAccess {

    private static final Logger LOG = LoggerFactory.getLogger(WebAccess.class);

    private volatile WebConfig settings = WebConfig.DEFAULTS;

    @Activate
    void activate(Map<String, Object> properties) {
        settings = WebConfig.read(WebConfig.DEFAULTS, properties, LOG::warn);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        settings = WebConfig.read(settings, properties, LOG::warn);
    }

    WebConfig settings() {
        return settings;
    }

    /** Throws 401 or 403 unless the request carries credentials of a user with the write role. */
    String requireWrite(HttpServletRequest request) {
        return require(request, settings.writeRole());
    }

    /** Throws 401 or 403, when sensitive reads need authentication, unless the user has the read role. */
    void requireSensitiveRead(HttpServletRequest request) {
        if (settings.sensitiveReads()) {
            require(request, settings.readRole());
        }
    }

    private String require(HttpServletRequest request, String role) {
        BasicCredentials credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        Set<String> roles = login(settings.realm(), credentials);
        if (!roles.contains(role)) {
            throw new ApiException(403, "user '" + credentials.user() + "' lacks the role '" + role + "'");
        }
        return credentials.user();
    }

    /** Logs in through JAAS and returns the user's roles; 401 when the realm refuses. */
    private static Set<String> login(String realm, BasicCredentials credentials) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // LoginContext loads the realm's login module (Karaf's proxy) through the context class loader.
        thread.setContextClassLoader(ProxyLoginModule.class.getClassLoader());
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> answer(callbacks, credentials));
            context.login();
            Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream().map(Principal::getName)
                    .collect(Collectors.toSet());
            context.logout();
            return roles;
        } catch (LoginException e) {
            throw new ApiException(401, "authentication failed for user '" + credentials.user() + "'");
        } finally {
            thread.setContextClassLoader(previous);
            Arrays.fill(credentials.password(), '\0');
        }
    }

    private static void answer(Callback[] callbacks, BasicCredentials credentials) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(credentials.user());
            } else if (callback instanceof PasswordCallback password) {
                password.setPassword(credentials.password().clone());
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }
}
