package io.yardmaster.cost.price;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.core.Roles;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.time.Clock;
import java.util.List;

/** The price book: list its rows and add one (admin). Rows are never changed or removed. */
@Controller("/api/v1/prices")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = Roles.COST, notEquals = "false")
@Tag(name = "cost")
@SecurityRequirement(name = "bearer")
public final class PriceController {
  private final JdbcPriceBook prices;
  private final Clock clock;

  public PriceController(JdbcPriceBook prices, Clock clock) {
    this.prices = requireNonNull(prices, "prices is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Get
  @Operation(summary = "Every row of the price book, by SKU, region, priority and date (admin)")
  public List<PriceRow> list(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    caller.requireAdmin();
    return prices.rows();
  }

  @Post
  @Operation(
      summary = "Add a price (admin): it applies from its validFrom, until a newer row",
      description =
          "A row never rewrites an older one. A validFrom in the past reprices the VM-hours"
              + " since then, which attribution recomputes.")
  @ApiResponse(responseCode = "201", description = "added")
  @ApiResponse(responseCode = "400", description = "a field is missing or invalid (named)")
  @ApiResponse(
      responseCode = "409",
      description = "a row of that SKU, region, priority and date exists")
  public HttpResponse<PriceRow> add(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Body PriceRequest request) {
    caller.requireAdmin();
    PriceRow row;
    try {
      row =
          PriceInput.row(
              request.sku(),
              request.region(),
              request.priority(),
              request.dollarsPerHour(),
              request.validFrom(),
              request.note(),
              clock.instant(),
              caller.tokenId());
    } catch (PriceInput.Invalid e) {
      throw ApiException.badRequest(
          ApiErrorCode.INVALID_REQUEST, e.getMessage(), List.of(e.field()));
    }
    if (!prices.add(row)) {
      throw new ApiException(
          ApiErrorCode.CONFLICT,
          "the price book has a row for "
              + row.sku()
              + " in "
              + row.region()
              + " ("
              + row.priority().wireName()
              + ") from "
              + row.validFrom()
              + ": add one with another validFrom");
    }
    return HttpResponse.created(row);
  }
}
