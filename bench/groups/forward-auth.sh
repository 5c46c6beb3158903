# shellcheck shell=bash
# Rows of ./bench/run.sh: forward authentication: plateau, direct and through nginx. Sourced by run.sh in its order, with its helpers and
# settings; not a script of its own.
# Forward authentication (issue 14): the plateau rows for /api/authz/forward-auth (as for /ping);
# direct: forward-auth with the operator token vs /ping exempt on the same server (wrk, interleaved);
# through nginx: the README's nginx configuration (app/src/test/resources/gateways) with Tollgate as
# the auth service vs the same nginx with an auth location that returns 200. When the endpoint does
# not answer 200 the rows are left out with a note.
forward_auth_path=/api/authz/forward-auth
forward_auth_note=""
nginx_conf_template="$root/app/src/test/resources/gateways/nginx-tollgate.conf"

wrk_path_rps() { # label port path [header]: req/s of one wrk run (-t2 -c16, $wrk_secs s)
  local out="$work/wrk-$1-$RANDOM.txt"
  if [[ -n "${4:-}" ]]; then
    wrk -t2 -c16 -d"${wrk_secs}s" -H "$4" "http://127.0.0.1:$2$3" >"$out"
  else
    wrk -t2 -c16 -d"${wrk_secs}s" "http://127.0.0.1:$2$3" >"$out"
  fi
  grep -q 'Non-2xx' "$out" && { echo "bench: non-2xx answers in $out" >&2; cat "$out" >&2; exit 1; }
  awk '/^Requests\/sec:/ {print $2}' "$out"
}

# start_nginx DIR GATEWAY_PORT AUTH_PORT UPSTREAM_PORT [extra server block]: the README's
# configuration with its example ports replaced, plus the upstream (return 200), run as the
# current user from DIR; sets started_pid
start_nginx() {
  local dir="$1" gw="$2" auth="$3" up="$4" extra="${5:-}"
  mkdir -p "$dir/temp"
  sed -e "s/127\.0\.0\.1:8080/127.0.0.1:$gw/" -e "s/127\.0\.0\.1:8181/127.0.0.1:$auth/" \
    -e "s/127\.0\.0\.1:9000/127.0.0.1:$up/" "$nginx_conf_template" >"$dir/site.conf"
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  server { listen 127.0.0.1:$up; location / { return 200 "upstream"; } }
  $extra
  include $dir/site.conf;
}
CONF
  "$nginx_bin" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" \
    -g "daemon off; pid $dir/nginx.pid;" >"$dir/out.log" 2>&1 &
  started_pid=$!
  all_pids+=("$started_pid")
  local i
  for ((i = 0; i < 200; i++)); do
    { : 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$gw"; } 2>/dev/null && return 0
    nap 0.05
  done
  echo "bench: nginx did not start" >&2
  cat "$dir/error.log" "$dir/out.log" >&2
  exit 1
}

forward_auth_direct_rows() { # on one server: forward-auth (token) vs /ping exempt
  local port token i r
  port="$(free_port)"
  authz=health,ping serve "$work/data-forward-auth-direct" "$port"
  local pid="$started_pid"
  token="$(operator_token "$port")"
  local header="Authorization: Bearer $token"
  wrk_secs_saved="$wrk_secs"
  wrk_secs="$steady_warm_secs" # steady state, as in the ping group
  wrk_path_rps warm "$port" "$forward_auth_path" "$header" >/dev/null
  wrk_path_rps warm "$port" /ping "$header" >/dev/null
  wrk_secs="$wrk_secs_saved"
  : >"$work/fa-direct.txt"
  : >"$work/fa-ping.txt"
  for ((i = 0; i < wrk_rounds; i++)); do
    wrk_path_rps fa "$port" "$forward_auth_path" "$header" >>"$work/fa-direct.txt"
    wrk_path_rps ping "$port" /ping "$header" >>"$work/fa-ping.txt"
  done
  stop_pid "$pid"
  r="$(calc "$(paired_ratio_of "$work/fa-direct.txt" "$work/fa-ping.txt")")"
  row "\`GET $forward_auth_path\` with a permitted token, direct (wrk -t2 -c16 ${wrk_secs}s, req/s)" \
    "$(fmt_stats "$work/fa-direct.txt" "")" "$(fmt_stats "$work/fa-ping.txt" "") \`/ping\` exempt, same server" \
    "${r}×" "≥ 0.95×" "$(ge "$r" 0.95)"
}

forward_auth_nginx_rows() { # nginx auth_request -> Tollgate vs the same nginx -> return 200
  local port token gw_a gw_b up_a up_b trivial pid_t pid_na pid_nb i r
  port="$(free_port)"
  serve "$work/data-forward-auth-nginx" "$port"
  pid_t="$started_pid"
  token="$(operator_token "$port")"
  gw_a="$(free_port)" up_a="$(free_port)"
  start_nginx "$work/nginx-tollgate" "$gw_a" "$port" "$up_a"
  pid_na="$started_pid"
  gw_b="$(free_port)" up_b="$(free_port)" trivial="$(free_port)"
  start_nginx "$work/nginx-trivial" "$gw_b" "$trivial" "$up_b" \
    "server { listen 127.0.0.1:$trivial; location / { return 200; } }"
  pid_nb="$started_pid"
  local header="Authorization: Bearer $token"
  probe_200 "$gw_a" /orders/1 "$header"$'\r\n' || { echo "bench: nginx -> Tollgate is not 200" >&2; exit 1; }
  probe_200 "$gw_b" /orders/1 "$header"$'\r\n' || { echo "bench: nginx -> return 200 is not 200" >&2; exit 1; }
  wrk_secs_saved="$wrk_secs"
  wrk_secs="$steady_warm_secs" # steady state, as in the ping group
  wrk_path_rps warm "$gw_a" /orders/1 "$header" >/dev/null
  wrk_path_rps warm "$gw_b" /orders/1 "$header" >/dev/null
  wrk_secs="$wrk_secs_saved"
  : >"$work/fa-nginx-tollgate.txt"
  : >"$work/fa-nginx-trivial.txt"
  for ((i = 0; i < wrk_rounds; i++)); do
    wrk_path_rps nginx-tollgate "$gw_a" /orders/1 "$header" >>"$work/fa-nginx-tollgate.txt"
    wrk_path_rps nginx-trivial "$gw_b" /orders/1 "$header" >>"$work/fa-nginx-trivial.txt"
  done
  stop_pid "$pid_na"
  stop_pid "$pid_nb"
  stop_pid "$pid_t"
  r="$(calc "$(paired_ratio_of "$work/fa-nginx-tollgate.txt" "$work/fa-nginx-trivial.txt")")"
  row "through nginx \`auth_request\` (keep-alive) with Tollgate as the auth service (wrk -t2 -c16 ${wrk_secs}s, req/s)" \
    "$(fmt_stats "$work/fa-nginx-tollgate.txt" "")" "$(fmt_stats "$work/fa-nginx-trivial.txt" "") same nginx, auth location \`return 200\`" \
    "${r}×" "≥ 0.7×" "$(ge "$r" 0.7)"
}

forward_auth_rows() {
  local port token
  port="$(free_port)"
  serve "$work/data-forward-auth-probe" "$port"
  token="$(operator_token "$port")"
  if [[ -n "$token" ]] && probe_200 "$port" "$forward_auth_path" "Authorization: Bearer $token"$'\r\n'; then
    stop_pid "$started_pid"
    say "HTTP: warm-up and plateau of $forward_auth_path vs Javalin hello-world"
    plateau_rows forward-auth "$forward_auth_path"
    say "HTTP: $forward_auth_path direct vs /ping exempt"
    forward_auth_direct_rows
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
    [[ -x "$nginx_bin" ]] || { say "installing nginx"; install_packages nginx; nginx_bin=/usr/sbin/nginx; }
    say "HTTP: through nginx auth_request, Tollgate vs return 200"
    forward_auth_nginx_rows
  else
    stop_pid "$started_pid"
    forward_auth_note="\`$forward_auth_path\` rows left out: the endpoint does not answer 200 yet."
    say "$forward_auth_note"
  fi
}
if want forward-auth; then
  forward_auth_rows
fi

