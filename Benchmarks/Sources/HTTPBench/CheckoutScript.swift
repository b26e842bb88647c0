/// A wrk script in which each connection is one buyer (run with as many threads as connections, so each
/// thread's state is one connection's): it adds a product to its cart, checks out, and again. Its arguments
/// are the token file, the product file and a run id that keeps idempotency keys unique across runs. `done`
/// prints the checkouts that answered 201 and those that did not.
enum CheckoutScript {
    static let lua = """
        local threads = {}
        local next_id = 0

        function setup(thread)
          thread:set("id", next_id)
          next_id = next_id + 1
          table.insert(threads, thread)
        end

        function init(args)
          local tokens, products = {}, {}
          for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
          for line in io.lines(args[2]) do products[#products + 1] = line end
          token = tokens[(id % #tokens) + 1]
          run = args[3]
          catalog = products
          requests = 0
          want_checkout = false
          checkouts = 0
          failures = 0
          failed_statuses = ""
          math.randomseed(id + 1)
        end

        local address = '{"name":"Bench Buyer","line1":"1 Load Street","city":"Springfield","postal_code":"12345","country":"US"}'

        -- The next step follows from the last answer (see response), so a request() that wrk builds but
        -- does not send changes nothing.
        function request()
          requests = requests + 1
          local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
          if not want_checkout then
            local product = catalog[math.random(#catalog)]
            return wrk.format("POST", "/api/v1/cart/items", headers, '{"product_id":"' .. product .. '","quantity":1}')
          end
          headers["Idempotency-Key"] = run .. "-" .. id .. "-" .. requests
          return wrk.format("POST", "/api/v1/orders", headers,
            '{"payment_method":"pm_card_visa","shipping_address":' .. address .. '}')
        end

        function response(status, headers, body)
          if want_checkout then
            if status == 201 then
              checkouts = checkouts + 1
            else
              failures = failures + 1
              failed_statuses = failed_statuses .. " checkout:" .. status
            end
            want_checkout = false
          elseif status == 200 or status == 201 then
            want_checkout = true
          else
            failed_statuses = failed_statuses .. " add:" .. status
          end
        end

        function done(summary, latency, requests)
          local total, failed, statuses = 0, 0, ""
          for _, thread in ipairs(threads) do
            total = total + thread:get("checkouts")
            failed = failed + thread:get("failures")
            statuses = statuses .. thread:get("failed_statuses")
          end
          io.write(string.format("EMPORIUM checkouts %d failures %d seconds %.3f\\n", total, failed, summary.duration / 1e6))
          if statuses ~= "" then io.write("FAILED" .. statuses .. "\\n") end
        end
        """
}
