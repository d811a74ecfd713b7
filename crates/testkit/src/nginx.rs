//! A real nginx (the Debian package, `/usr/sbin/nginx`) as a reverse proxy in front of a test
//! server: a generated configuration in a temporary directory (no root paths, `daemon off`,
//! its pid, logs and temporary files inside that directory), on a free loopback port, with the
//! same proxy directives as the README's example.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const NGINX: &str = "/usr/sbin/nginx";

/// The `location` directives the README recommends (kept word for word in step with it).
pub const NGINX_LOCATION: &str = "\
        proxy_pass http://UPSTREAM;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_read_timeout 1h;
";

/// A running nginx; killed when dropped.
pub struct Nginx {
    /// e.g. `http://127.0.0.1:41235`: what people would type.
    pub url: String,
    child: Child,
    dir: tempfile::TempDir,
}

/// The nginx binary; `None` (with a notice) outside CI when it is missing, a panic in CI.
pub fn nginx_binary() -> Option<PathBuf> {
    if Path::new(NGINX).exists() {
        return Some(PathBuf::from(NGINX));
    }
    if std::env::var_os("CI").is_some() {
        panic!("{NGINX} is missing: scripts/test installs the nginx package");
    }
    eprintln!("SKIPPED: {NGINX} is missing (scripts/test installs the nginx package)");
    None
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

impl Nginx {
    /// Starts nginx on `port` in front of `upstream` (`127.0.0.1:PORT`), waiting until it
    /// accepts connections. `None` when nginx is not installed (outside CI).
    pub fn start(port: u16, upstream: &str) -> Option<Nginx> {
        let binary = nginx_binary()?;
        let dir = tempfile::tempdir().expect("a directory for nginx");
        let root = dir.path().display().to_string();
        let location = NGINX_LOCATION.replace("UPSTREAM", upstream);
        let config = format!(
            "daemon off;\n\
             master_process off;\n\
             worker_processes 1;\n\
             pid {root}/nginx.pid;\n\
             error_log {root}/error.log info;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n\
             \x20   access_log {root}/access.log;\n\
             \x20   client_body_temp_path {root}/client_body;\n\
             \x20   proxy_temp_path {root}/proxy;\n\
             \x20   fastcgi_temp_path {root}/fastcgi;\n\
             \x20   uwsgi_temp_path {root}/uwsgi;\n\
             \x20   scgi_temp_path {root}/scgi;\n\
             \x20   map $http_upgrade $connection_upgrade {{\n\
             \x20       default upgrade;\n\
             \x20       ''      close;\n\
             \x20   }}\n\
             \x20   server {{\n\
             \x20       listen 127.0.0.1:{port};\n\
             \x20       location / {{\n{location}\x20       }}\n\
             \x20   }}\n\
             }}\n"
        );
        let config_path = dir.path().join("nginx.conf");
        std::fs::write(&config_path, config).expect("writing nginx.conf");
        let child = Command::new(binary)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&config_path)
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starting nginx");
        let mut nginx = Nginx {
            url: format!("http://127.0.0.1:{port}"),
            child,
            dir,
        };
        nginx.wait_until_listening(port);
        Some(nginx)
    }

    fn wait_until_listening(&mut self, port: u16) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("nginx exited ({status}): {}", self.error_log());
            }
            assert!(
                Instant::now() < deadline,
                "nginx did not listen within 10 s: {}",
                self.error_log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// nginx's error log so far, for failure messages.
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
