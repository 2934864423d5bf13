package dev.suture.server.security;

import dev.suture.core.port.UserStore;
import dev.suture.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Authentication (filter) and authorization (interceptor) wiring, and the first-start admin
 * token. Plain servlet pieces rather than Spring Security's filter chain: see docs/adr/005.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration implements WebMvcConfigurer {
  @Bean UserStore userStore(Store store) { return store.users(); }

  @Bean Authenticator.PasswordHasher passwordHasher(@Value("${suture.security.bcrypt-strength:12}") int strength) {
    return new Authenticator.PasswordHasher(strength);
  }

  @Bean Authenticator authenticator(UserStore users, Authenticator.PasswordHasher hasher, Clock clock) {
    return new Authenticator(users, hasher, clock);
  }

  @Bean Accounts accounts(UserStore users, Authenticator.PasswordHasher hasher, Clock clock,
      @Value("${suture.data-dir:}") String dataDir) {
    Accounts accounts = new Accounts(users, hasher, clock);
    AdminBootstrap.run(users, accounts, dataDir.isBlank() ? null : Path.of(dataDir));
    return accounts;
  }

  @Bean FilterRegistrationBean<AuthFilter> authFilter(Authenticator authenticator, Accounts bootstrapped) {
    FilterRegistrationBean<AuthFilter> reg = new FilterRegistrationBean<>(new AuthFilter(authenticator));
    reg.addUrlPatterns("/*");
    reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    reg.setName("sutureAuthFilter");
    return reg;
  }

  @Override public void addInterceptors(InterceptorRegistry registry) { registry.addInterceptor(new AccessInterceptor()); }
}
