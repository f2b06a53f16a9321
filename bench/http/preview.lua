-- wrk script: posts the founding form's "preview" button (multipart, prepared by scripts/bench-http.sh in
-- $PREVIEW_BODY with boundary $PREVIEW_BOUNDARY) with a bearer token ($PREVIEW_TOKEN).
local file = assert(io.open(os.getenv("PREVIEW_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. os.getenv("PREVIEW_BOUNDARY")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("PREVIEW_TOKEN")
