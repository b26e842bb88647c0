/// A wrk script in which each connection is one buyer (run with as many threads as connections, so each
/// thread's state is one connection's): it adds a product to its cart, checks out, and again. `done` prints
/// the checkouts that answered 201 and those that did not.
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
          catalog = products
          step = 0
          checkouts = 0
          failures = 0
          math.randomseed(id + 1)
        end

        local address = '{"name":"Bench Buyer","line1":"1 Load Street","city":"Springfield","postal_code":"12345","country":"US"}'

        function request()
          step = step + 1
          local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
          if step % 2 == 1 then
            local product = catalog[math.random(#catalog)]
            return wrk.format("POST", "/api/v1/cart/items", headers, '{"product_id":"' .. product .. '","quantity":1}')
          end
          headers["Idempotency-Key"] = "bench-" .. id .. "-" .. step
          return wrk.format("POST", "/api/v1/orders", headers,
            '{"payment_method":"pm_card_visa","shipping_address":' .. address .. '}')
        end

        function response(status, headers, body)
          if step % 2 == 0 then
            if status == 201 then checkouts = checkouts + 1 else failures = failures + 1 end
          end
        end

        function done(summary, latency, requests)
          local total, failed = 0, 0
          for _, thread in ipairs(threads) do
            total = total + thread:get("checkouts")
            failed = failed + thread:get("failures")
          end
          io.write(string.format("EMPORIUM checkouts %d failures %d seconds %.3f\\n", total, failed, summary.duration / 1e6))
        end
        """
}
