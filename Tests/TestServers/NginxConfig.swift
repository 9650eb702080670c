import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The configuration every nginx a test starts shares: in the foreground, one worker, its pid, logs
/// and temporary folders under `folder` (which must hold `tmp/body`, `tmp/fastcgi`…), then the
/// caller's `http` block content (types, servers).
enum NginxConfig {
    static func file(folder: URL, http body: String) -> String {
        let t = folder.path
        // `user` only means something (and is only allowed without a warning) for root.
        let userLine = geteuid() == 0 ? "user root;" : ""
        return """
            \(userLine)
            worker_processes 1;
            daemon off;
            pid \(t)/nginx.pid;
            error_log \(t)/error.log info;
            events { worker_connections 64; }
            http {
                access_log \(t)/access.log;
                client_body_temp_path \(t)/tmp/body;
                fastcgi_temp_path \(t)/tmp/fastcgi;
                proxy_temp_path \(t)/tmp/proxy;
                uwsgi_temp_path \(t)/tmp/uwsgi;
                scgi_temp_path \(t)/tmp/scgi;
            \(body)
            }

            """
    }
}
