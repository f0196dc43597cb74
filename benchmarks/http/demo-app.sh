# Sourced by page-weight.sh and lighthouse.sh (which set $base and $work): starts the app as the README's first command
# does (`dotnet run`, Development, the demo clinic seeded on a fresh SQLite file in $work) and signs the demo patient
# and therapist in with curl, into the cookie jars $patient and $therapist. Needs curl and python3 (the authenticator code).
start_demo_app() { # dotnet run options
  dotnet run --project src/Rapport.Web "$@" -- --urls "$base" --App:BaseUrl="$base" \
    --ConnectionStrings:Rapport="Data Source=$work/rapport.db" --Smtp:PickupDirectory="$work/mail" \
    --Audit:GeneratedKeyFile="$work/audit-signing-key.pem" --Audit:CheckpointDirectory="$work/checkpoints" \
    --Logging:LogLevel:Default=Warning >"$work/app.log" 2>&1 & app=$!
  until curl -sf "$base/health" >/dev/null; do sleep 0.5; kill -0 $app 2>/dev/null || { cat "$work/app.log"; exit 1; }; done
}

token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
totp() { python3 - "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1].upper() + "=" * (-len(sys.argv[1]) % 8))
h = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
}
sign_in() { # jar, e-mail, [totp secret]
  local jar=$1 location
  local t; t=$(curl -s -c "$jar" "$base/account/sign-in" | token)
  location=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{redirect_url}' "$base/account/sign-in" \
    --data-urlencode "Input.Email=$2" --data-urlencode "Input.Password=calm-harbour-lantern-42" --data-urlencode "__RequestVerificationToken=$t")
  if [ -n "${3:-}" ]; then
    t=$(curl -s -b "$jar" -c "$jar" "$location" | token)
    curl -s -b "$jar" -c "$jar" -o /dev/null "$location" --data-urlencode "Code=$(totp "$3")" --data-urlencode "__RequestVerificationToken=$t"
  fi
  grep -q '__Host-rapport	' "$jar" || { echo "sign-in of $2 failed" >&2; exit 1; }
}

sign_in_demo_users() { # the patient Alex into $patient, the therapist Sarah (with her printed authenticator secret) into $therapist
  patient="$work/patient.jar"; therapist="$work/therapist.jar"
  sign_in "$patient" alex.rivera@demo.rapport.test
  local secret; secret=$(grep -o 'sarah.oconnell@demo.rapport.test .*totp-secret: [A-Z0-9]*' "$work/app.log" | sed 's/.*totp-secret: //')
  sign_in "$therapist" sarah.oconnell@demo.rapport.test "$secret"
}
